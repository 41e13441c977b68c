package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.servlet.AuditFilter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

/**
 * Every bad {@code http-audit.*} value stops start-up, and Spring Boot's start-up report names
 * the property as it is written in {@code application.properties} (kebab-case), with a reason
 * that quotes the bad value.
 */
class StarterPropertyValidationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HttpAuditAutoConfiguration.class));

    @Test
    void includePathWithoutLeadingSlashStopsStartup() {
        runner.withPropertyValues("http-audit.include-paths=api/**")
                .run(failsNaming("http-audit.include-paths", "'api/**'", "/api/**"));
    }

    @Test
    void excludePathWithoutLeadingSlashStopsStartup() {
        runner.withPropertyValues("http-audit.exclude-paths=health")
                .run(failsNaming("http-audit.exclude-paths", "'health'", "/health"));
    }

    @Test
    void bodyExcludePathWithoutLeadingSlashStopsStartup() {
        runner.withPropertyValues("http-audit.body.exclude-paths=login")
                .run(failsNaming("http-audit.body.exclude-paths", "'login'"));
    }

    @Test
    void trustedProxyThatIsNotAnAddressStopsStartupWithAReportNotAStackTrace() {
        runner.withPropertyValues("http-audit.client.trusted-proxies=10.0.0.0/8,not-an-ip")
                .run(failsNaming("http-audit.client.trusted-proxies", "not-an-ip", "host names are not accepted"));
    }

    @Test
    void unregisteredMethodStopsStartupListingTheKnownOnes() {
        runner.withPropertyValues("http-audit.methods=GET,FOO")
                .run(failsNaming("http-audit.methods", "'FOO'", "GET, HEAD, POST", "PROPFIND"));
    }

    @Test
    void registeredMethodsAreAcceptedInAnyCaseIncludingWebDav() {
        runner.withPropertyValues("http-audit.methods=get,propfind,MKCOL").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(AuditFilter.class).config().methods())
                    .containsExactlyInAnyOrder("GET", "PROPFIND", "MKCOL");
        });
    }

    @Test
    void contentTypeThatIsNotAMediaTypeStopsStartup() {
        runner.withPropertyValues("http-audit.body.content-types=notamediatype")
                .run(failsNaming("http-audit.body.content-types", "notamediatype"));
    }

    @Test
    void contentTypeWithParametersStopsStartup() {
        // It would never match: capture compares the type without its parameters.
        runner.withPropertyValues("http-audit.body.content-types=text/csv;charset=utf-8")
                .run(failsNaming("http-audit.body.content-types", "'text/csv;charset=utf-8'", "without parameters"));
    }

    @Test
    void correlationRequestHeaderThatIsNotATokenStopsStartup() {
        runner.withPropertyValues("http-audit.correlation.request-headers=bad header")
                .run(failsNaming("http-audit.correlation.request-headers", "'bad header'", "RFC 9110 token"));
    }

    @Test
    void emptyCorrelationResponseHeaderStopsStartupAndSaysHowToSendNone() {
        runner.withPropertyValues("http-audit.correlation.response-header=")
                .run(failsNaming("http-audit.correlation.response-header",
                        "http-audit.correlation.response-header-enabled=false"));
    }

    @Test
    void responseHeaderEnabledFalseSendsNoCorrelationHeader() {
        runner.withPropertyValues("http-audit.correlation.response-header-enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean(AuditFilter.class).config().correlationResponseHeader()).isNull();
        });
    }

    @Test
    void fileSinkInAFolderThatCannotBeCreatedStopsStartup(@TempDir Path dir) throws Exception {
        Path regularFile = Files.writeString(dir.resolve("not-a-folder"), "x");
        String path = regularFile.resolve("logs/audit.json").toString();
        runner.withPropertyValues("http-audit.sink.file.path=" + path).run(context -> {
            assertThat(context).hasFailed();
            String report = StartupReport.of(context.getStartupFailure());
            assertThat(report).as("Boot's start-up report").isNotNull()
                    .contains("configuration property 'http-audit.sink.file.path'")
                    .contains(path)
                    .contains(regularFile + " is a file");
        });
    }

    @Test
    void negativeBodyLimitStopsStartupNamingTheKebabCaseProperty() {
        runner.withPropertyValues("http-audit.body.max-bytes=-1KB")
                .run(failsNaming("http-audit.body.max-bytes", "must not be negative"));
    }

    @Test
    void severalBadValuesAreAllReportedAtOnce() {
        runner.withPropertyValues("http-audit.redact.replacement=", "http-audit.async.queue-capacity=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupReport.of(context.getStartupFailure()))
                    .contains("Property: http-audit.redact.replacement")
                    .contains("Property: http-audit.async.queue-capacity");
        });
    }

    /**
     * The context failed, Boot's report has the line {@code Property: <property>} (kebab-case,
     * as the user wrote it: no camelCase name anywhere in the report) and every fragment.
     */
    private static ContextConsumer<AssertableWebApplicationContext> failsNaming(String property, String... fragments) {
        return context -> {
            assertThat(context).hasFailed();
            String report = StartupReport.of(context.getStartupFailure());
            assertThat(report).as("Boot's start-up report").isNotNull();
            assertThat(report.lines().map(String::trim)).contains("Property: " + property);
            assertThat(report).doesNotContainPattern("Property: \\S*[a-z][A-Z]");
            for (String fragment : fragments) {
                assertThat(report).contains(fragment);
            }
        };
    }
}
