package dev.httpaudit.spring.live;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.sink.CompositeAuditSink;
import dev.httpaudit.core.sink.Slf4jAuditSink;
import dev.httpaudit.spring.HttpAuditAutoConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;

/** When the live view is configured, what it adds, and that bad values stop start-up naming the property. */
class LiveConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HttpAuditAutoConfiguration.class, HttpAuditLiveAutoConfiguration.class));

    @Test
    void offByDefault() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(LiveBuffer.class);
            assertThat(context.getBeansOfType(ServletRegistrationBean.class)).isEmpty();
        });
    }

    @Test
    void enabledAddsTheBufferBesideTheSlf4jSinkAndThePageAtItsPath() {
        runner.withPropertyValues("http-audit.live.enabled=true", "http-audit.live.path=/ops/audit").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(LiveBuffer.class);
            assertThat(context).hasSingleBean(Slf4jAuditSink.class);
            assertThat(((CompositeAuditSink) context.getBean(AuditPipeline.class).sink()).sinks()).hasSize(2);
            assertThat(context.getBean(ServletRegistrationBean.class).getUrlMappings()).containsExactly("/ops/audit/*");
            assertThat(context).hasSingleBean(LiveEndpoint.class);
        });
    }

    @Test
    void nothingWhenAuditingIsOff() {
        runner.withPropertyValues("http-audit.enabled=false", "http-audit.live.enabled=true")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(LiveBuffer.class));
    }

    @Test
    void badValuesStopStartupNamingTheProperty() {
        Map<String, String> bad = Map.of("http-audit.live.path", "no-slash", "http-audit.live.max-events", "0",
                "http-audit.live.max-bytes", "0B", "http-audit.live.role", "ROLE_ADMIN");
        bad.forEach((name, value) -> runner.withPropertyValues("http-audit.live.enabled=true", name + "=" + value)
                .run(context -> {
                    assertThat(context).as(name).hasFailed();
                    assertThat(rootMessages(context.getStartupFailure())).as(name).contains(name.substring(name.lastIndexOf('.') + 1));
                }));
    }

    @Test
    void theDefaultsInDocsConfigurationMdAreTheValuesTheStarterBinds() throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher row = Pattern.compile("(?m)^\\| `http-audit\\.live\\.([a-z-]+)` \\| `([^`]+)` \\|")
                .matcher(Files.readString(Path.of("..", "docs", "configuration.md")));
        while (row.find()) {
            documented.put("http-audit.live." + row.group(1), row.group(2));
        }
        assertThat(documented).hasSize(6);
        HttpAuditLiveProperties bound = new Binder(new MapConfigurationPropertySource(documented))
                .bind("http-audit.live", HttpAuditLiveProperties.class).get();
        BeanWrapperImpl expected = new BeanWrapperImpl(new HttpAuditLiveProperties());
        BeanWrapperImpl actual = new BeanWrapperImpl(bound);
        for (String property : new String[] {"enabled", "path", "maxEvents", "maxBytes", "role", "allowAnonymous"}) {
            assertThat(actual.getPropertyValue(property)).as(property).isEqualTo(expected.getPropertyValue(property));
        }
    }

    private static String rootMessages(Throwable failure) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }
}
