package dev.httpaudit.servlet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Values that would silently audit nothing or the wrong thing are refused when the config is built. */
class AuditFilterConfigValidationTest {

    @Test
    void registeredMethodsAreAcceptedInAnyCaseIncludingWebDav() {
        AuditFilterConfig config = AuditFilterConfig.builder().methods("get", "Post", "PROPFIND", "mkcol", "patch").build();

        assertThat(config.methods()).containsExactlyInAnyOrder("GET", "POST", "PROPFIND", "MKCOL", "PATCH");
    }

    @Test
    void unregisteredMethodIsRefusedWithTheKnownOnesListed() {
        assertThatThrownBy(() -> AuditFilterConfig.builder().methods("GET", "FOO").build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'FOO'").hasMessageContaining("PROPFIND").hasMessageContaining("DELETE");
    }

    @Test
    void correlationHeaderNamesMustBeTokens() {
        assertThatThrownBy(() -> AuditFilterConfig.builder().correlationRequestHeaders("X-Request-ID", "bad header").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'bad header'");
        assertThatThrownBy(() -> AuditFilterConfig.builder().correlationResponseHeader(" ").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must not be empty");
        assertThat(AuditFilterConfig.builder().correlationResponseHeader(null).build().correlationResponseHeader()).isNull();
    }

    @Test
    void textualContentTypesMustBeTypeSubtypeWildcardOrSuffix() {
        AuditFilterConfig config = AuditFilterConfig.builder()
                .textualContentTypes("application/json", "text/*", "+xml", "application/vnd.acme.v1+csv").build();
        assertThat(config.textualContentTypes()).hasSize(4);

        for (String bad : new String[] {"notamediatype", "*/*", "text/plain; charset=utf-8", "+", "text/", "/json"}) {
            assertThatThrownBy(() -> AuditFilterConfig.builder().textualContentTypes(bad).build())
                    .as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + bad + "'");
        }
    }

    @Test
    void lastSegmentPatternWithoutStarIsAForgottenSlash() {
        assertThatThrownBy(() -> AuditFilterConfig.builder().excludePaths("health").build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("/health");
        assertThat(AuditFilterConfig.builder().excludePaths("*.ico", "/health").build().excludePaths()).hasSize(2);
    }
}
