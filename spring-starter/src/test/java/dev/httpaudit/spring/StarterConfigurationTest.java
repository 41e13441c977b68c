package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditPipeline;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.UserInfo;
import dev.httpaudit.core.sink.AsyncAuditSink;
import dev.httpaudit.core.sink.InMemoryAuditSink;
import dev.httpaudit.core.sink.Slf4jAuditSink;
import dev.httpaudit.servlet.AuditFilter;
import dev.httpaudit.servlet.UserResolver;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Which beans the auto-configuration creates, which it leaves to the application's own, and
 * which property values stop the application at start-up.
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
    void negativeBodyLimitIsRejectedAtStartup() {
        runner.withPropertyValues("http-audit.body.max-bytes=-1KB").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("body.maxBytes").contains("must not be negative");
        });
    }

    @Test
    void unknownCaptureModeIsRejectedAtStartup() {
        runner.withPropertyValues("http-audit.body.capture=sometimes").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("http-audit.body.capture").contains("sometimes");
        });
    }

    @Test
    void emptyReplacementAndBadQueueAreRejectedAtStartup() {
        runner.withPropertyValues("http-audit.redact.replacement=", "http-audit.async.queue-capacity=0").run(context -> {
            assertThat(context).hasFailed();
            assertThat(messages(context.getStartupFailure())).contains("redact.replacement").contains("async.queueCapacity");
        });
    }

    private static String messages(Throwable failure) {
        StringBuilder all = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.append(t.getMessage()).append('\n');
        }
        return all.toString();
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
