package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.UserInfo;
import dev.httpaudit.core.sink.AsyncAuditSink;
import dev.httpaudit.core.sink.InMemoryAuditSink;
import dev.httpaudit.core.sink.Slf4jAuditSink;
import dev.httpaudit.servlet.AuditFilter;
import dev.httpaudit.servlet.AuditFilterConfig;
import dev.httpaudit.servlet.UserResolver;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which beans the auto-configuration creates, which it leaves to the application's own, and
 * how list properties combine with their defaults (bad values: {@link StarterPropertyValidationTest}).
 */
class StarterConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HttpAuditAutoConfiguration.class));

    @Test
    void defaultsToTheSlf4jSinkAndRegistersTheFilter() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(AuditFilter.class);
            assertThat(context).hasSingleBean(Slf4jAuditSink.class);
            assertThat(context).hasBean("httpAuditFilterRegistration");
        });
    }

    @Test
    void disabledCreatesNothing() {
        runner.withPropertyValues("http-audit.enabled=false").run(context -> {
            assertThat(context).doesNotHaveBean(AuditFilter.class);
            assertThat(context).doesNotHaveBean(AuditPipeline.class);
        });
    }

    @Test
    void applicationSinkReplacesTheDefaultSink() {
        runner.withUserConfiguration(OwnSink.class).run(context -> {
            assertThat(context).doesNotHaveBean(Slf4jAuditSink.class);
            assertThat(context.getBeansOfType(AuditSink.class)).containsOnlyKeys("ownSink");
        });
    }

    @Test
    void applicationUserResolverIsUsed() {
        runner.withUserConfiguration(OwnUserResolver.class).run(context ->
                assertThat(context.getBean(UserResolver.class)).isSameAs(context.getBean("ownUsers")));
    }

    @Test
    void asyncPropertyPutsAQueueInFrontOfTheSinks() {
        runner.withPropertyValues("http-audit.async.enabled=true", "http-audit.async.queue-capacity=16").run(context -> {
            AuditPipeline pipeline = context.getBean(AuditPipeline.class);
            assertThat(pipeline.sink()).isInstanceOf(AsyncAuditSink.class);
            assertThat(((AsyncAuditSink) pipeline.sink()).queueCapacity()).isEqualTo(16);
        });
    }

    @Test
    void unknownCaptureModeIsRejectedAtStartup() {
        runner.withPropertyValues("http-audit.body.capture=sometimes").run(context -> {
            assertThat(context).hasFailed();
            assertThat(StartupReport.of(context.getStartupFailure())).contains("http-audit.body.capture").contains("sometimes");
        });
    }

    @Test
    void excludePathsAddToTheDefaults() {
        runner.withPropertyValues("http-audit.exclude-paths=/health,/ready").run(context ->
                assertThat(context.getBean(AuditFilter.class).config().excludePaths())
                        .containsExactly("/actuator/**", "/favicon.ico", "/health", "/ready"));
    }

    @Test
    void excludePathsDefaultsFalseDropsTheDefaults() {
        runner.withPropertyValues("http-audit.exclude-paths=/health", "http-audit.exclude-paths-defaults=false")
                .run(context -> assertThat(context.getBean(AuditFilter.class).config().excludePaths())
                        .containsExactly("/health"));
    }

    @Test
    void contentTypesAddToTheDefaults() {
        runner.withPropertyValues("http-audit.body.content-types=application/x-ndjson").run(context ->
                assertThat(context.getBean(AuditFilter.class).config().textualContentTypes())
                        .containsAll(AuditFilterConfig.DEFAULT_TEXTUAL_CONTENT_TYPES)
                        .contains("application/x-ndjson"));
    }

    @Test
    void contentTypesDefaultsFalseDropsTheDefaults() {
        runner.withPropertyValues("http-audit.body.content-types=text/plain", "http-audit.body.content-types-defaults=false")
                .run(context -> assertThat(context.getBean(AuditFilter.class).config().textualContentTypes())
                        .containsExactly("text/plain"));
    }

    @Test
    void includePathsMethodsAndCorrelationHeadersReplaceTheirDefaults() {
        runner.withPropertyValues("http-audit.include-paths=/api/**", "http-audit.methods=POST",
                "http-audit.correlation.request-headers=X-Trace-Key").run(context -> {
                    AuditFilterConfig config = context.getBean(AuditFilter.class).config();
                    assertThat(config.includePaths()).containsExactly("/api/**");
                    assertThat(config.methods()).containsExactly("POST");
                    assertThat(config.correlationRequestHeaders()).containsExactly("X-Trace-Key");
                });
    }

    @Test
    void applicationNameBecomesServiceNameInThePipelineOnly() {
        // Trimmed, as the filter's configuration trimmed it when it set service.name too.
        runner.withUserConfiguration(OwnSink.class).withPropertyValues("spring.application.name= orders ")
                .run(context -> {
                    assertThat(context.getBean(AuditFilter.class).config().serviceName()).isNull();
                    Instant now = Instant.now();
                    context.getBean(AuditPipeline.class).emit(AuditEvent.builder()
                            .timing(now, now, 1)
                            .request(new AuditRequest("id", "GET", null, null, null))
                            .response(new AuditResponse(200, null, null, null))
                            .url(new UrlInfo("/", null, "http", "localhost", 80))
                            .build());
                    assertThat(context.getBean(InMemoryAuditSink.class).events())
                            .singleElement().extracting(AuditEvent::serviceName).isEqualTo("orders");
                });
    }

    @Test
    void everyFilterIsMappedForTheAuditFiltersDispatchesOnEveryPath() {
        runner.run(context -> {
            for (String name : new String[] {"httpAuditFilterRegistration", "httpAuditIdentityCaptureRegistration"}) {
                FilterRegistrationBean<?> registration = context.getBean(name, FilterRegistrationBean.class);
                assertThat(registration.getUrlPatterns()).as(name).containsExactly("/*");
                assertThat(registration.isAsyncSupported()).as(name).isTrue();
                assertThat(registration.determineDispatcherTypes()).as(name).isEqualTo(AuditFilter.dispatcherTypes());
            }
            assertThat(context.getBean("httpAuditFilterRegistration", FilterRegistrationBean.class).getOrder())
                    .isEqualTo(HttpAuditAutoConfiguration.FILTER_ORDER);
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnSink {
        @Bean
        InMemoryAuditSink ownSink() {
            return InMemoryAuditSink.create();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnUserResolver {
        @Bean
        UserResolver ownUsers() {
            return request -> UserInfo.named("fixed");
        }
    }
}
