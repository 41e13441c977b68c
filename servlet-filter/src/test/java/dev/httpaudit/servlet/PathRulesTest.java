package dev.httpaudit.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PathRulesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/admin/panel, /admin/panel",
            "/admin;jsessionid=1/panel;x=y, /admin/panel",
            "//admin///panel/, /admin/panel",
            "/%2e/admin/panel, /admin/panel",
            "/public/../admin/panel, /admin/panel",
            "/public/%2e%2e/admin/panel, /admin/panel",
            "/public/..;/admin/panel, /admin/panel",
            "/public/.%2E/admin, /admin",
            "/public%2f..%2fadmin, /admin",
            "/public%5c..%5cadmin, /admin",
            "/../../etc/passwd, /etc/passwd",
            "/a/./b/../c, /a/c",
            "/%252e%252e/admin, /%2e%2e/admin",
            "/caf%C3%A9, /café",
            "/bad%zzescape, /bad%zzescape",
            "'', /",
            "/, /"
    })
    void normalizesTheWayAContainerResolvesPaths(String raw, String normalized) {
        assertThat(PathNormalizer.normalize(raw)).isEqualTo(normalized);
    }

    @Test
    void contextPathIsRemovedOnlyAtASegmentBoundary() {
        assertThat(PathNormalizer.withinContext("/app/admin", "/app")).isEqualTo("/admin");
        assertThat(PathNormalizer.withinContext("/app", "/app")).isEqualTo("/");
        assertThat(PathNormalizer.withinContext("/apple/admin", "/app")).isEqualTo("/apple/admin");
        assertThat(PathNormalizer.withinContext("/admin", "/")).isEqualTo("/admin");
    }

    @ParameterizedTest(name = "{0} ~ {1} = {2}")
    @CsvSource({
            "/**, /, true",
            "/**, /a/b/c, true",
            "/api/**, /api, true",
            "/api/**, /api/v1/orders, true",
            "/api/**, /apix, false",
            "/api/*, /api/orders, true",
            "/api/*, /api/orders/7, false",
            "/api/*/items, /api/7/items, true",
            "/api/**/items, /api/a/b/items, true",
            "/api/**/items, /api/items, true",
            "/api/**/items, /api/a/b/other, false",
            "/files/?.txt, /files/a.txt, true",
            "/files/?.txt, /files/ab.txt, false",
            "/favicon.ico, /favicon.ico, true",
            "*.ico, /favicon.ico, true",
            "*.ico, /static/img/logo.ico, true",
            "*.ico, /static/ico, false",
            "/**/*.css, /a/b/site.css, true",
            "/a*b*c, /aXXbYYc, true",
            "/a*b*c, /aXXbYY, false",
            "/{x}, /{x}, true",
            "/[ab], /a, false"
    })
    void antStylePatternsMatchNormalizedPaths(String pattern, String path, boolean matches) {
        assertThat(PathPattern.compile(pattern).matches(path)).isEqualTo(matches);
    }

    @Test
    void starInThePathCannotEscapeAWildcardRule() {
        assertThat(PathPattern.compile("/login*").matches("/login*x")).isTrue();
        assertThat(PathPattern.compile("/login*").matches("/login*")).isTrue();
        assertThat(PathPattern.compile("*.ico").matches("/**.ico")).isTrue();
        assertThat(PathPattern.compile("/a*b*c").matches("/a*bxb*c")).isTrue();
        assertThat(PathPattern.compile("/login*").matches("/logout")).isFalse();
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, unit = java.util.concurrent.TimeUnit.SECONDS) // exponential backtracking would never end
    void manyDoubleWildcardsDoNotBacktrackExponentially() {
        PathPattern pattern = PathPattern.compile("/**/a/**/a/**/a/**/a/**/b");
        String path = "/a".repeat(2000);
        assertThat(pattern.matches(path)).isFalse();
    }

    @Test
    void invalidPatternsAreRejectedAtConfiguration() {
        assertThatThrownBy(() -> PathPattern.compile(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathPattern.compile("api/*")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PathPattern.compile("health")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/health");
        assertThatThrownBy(() -> AuditFilterConfig.builder().excludePaths("api/x").build())
                .isInstanceOf(IllegalArgumentException.class);
    }
}
