package dev.httpaudit.spring.live;

import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.spring.HttpAuditAutoConfiguration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The live view, when {@code http-audit.live.enabled=true}: a bounded buffer of recent events
 * added beside the other sinks (after {@link HttpAuditAutoConfiguration}, so the default SLF4J
 * sink stays, as with the Kafka sink), the page at {@code http-audit.live.path} and, with
 * Actuator, the {@code httpaudit} endpoint. With Spring Security on the classpath both answer
 * only an authenticated user with {@code http-audit.live.role}. See docs/live-view.md.
 */
@AutoConfiguration(after = HttpAuditAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "http-audit.live", name = "enabled", havingValue = "true")
@ConditionalOnBean(AuditPipeline.class) // none when http-audit.enabled=false
@EnableConfigurationProperties(HttpAuditLiveProperties.class)
public class HttpAuditLiveAutoConfiguration {

    /** The endpoint's id, as it appears under Actuator's base path. */
    static final String ENDPOINT_ID = "httpaudit";

    /** The buffer: a sink bean, so the pipeline writes to it after redaction as to every other sink. */
    @Bean
    LiveBuffer httpAuditLiveBuffer(HttpAuditLiveProperties properties, Environment environment) {
        return LiveBuffer.of(properties.getMaxEvents(), properties.getMaxBytes().toBytes(),
                ownPaths(properties, environment));
    }

    /**
     * The paths of the view's own requests, as the filter records them (with the context path):
     * the page and the endpoint under Actuator's base path.
     */
    static List<String> ownPaths(HttpAuditLiveProperties properties, Environment environment) {
        String context = trimSlash(environment.getProperty("server.servlet.context-path", ""));
        String servlet = trimSlash(environment.getProperty("spring.mvc.servlet.path", ""));
        String actuator = trimSlash(environment.getProperty("management.endpoints.web.base-path", "/actuator"));
        List<String> paths = new ArrayList<>();
        paths.add(context + properties.getPath());
        paths.add(context + servlet + actuator + "/" + ENDPOINT_ID);
        return paths;
    }

    private static String trimSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    @Bean
    LiveView httpAuditLiveView(LiveBuffer buffer, AuditPipeline pipeline) {
        return new LiveView(buffer, pipeline);
    }

    /** Spring Security's user and role when it is on the classpath; everyone otherwise. */
    @Bean
    LiveAccess httpAuditLiveAccess(HttpAuditLiveProperties properties) {
        if (ClassUtils.isPresent("org.springframework.security.core.context.SecurityContextHolder",
                HttpAuditLiveAutoConfiguration.class.getClassLoader())) {
            return new SpringSecurityLiveAccess(properties.getRole(), properties.isAllowAnonymous());
        }
        return LiveAccess.OPEN;
    }

    /** The page and its data, at {@code http-audit.live.path}. */
    @Bean
    ServletRegistrationBean<LiveServlet> httpAuditLiveServlet(LiveView view, LiveAccess access,
            HttpAuditLiveProperties properties) {
        ServletRegistrationBean<LiveServlet> registration = new ServletRegistrationBean<>(new LiveServlet(view, access),
                properties.getPath() + "/*");
        registration.setName("httpAuditLive");
        return registration;
    }

    /** The {@code httpaudit} endpoint, with Actuator on the classpath. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.actuate.endpoint.annotation.Endpoint")
    static class Endpoint {

        @Bean
        LiveEndpoint httpAuditLiveEndpoint(LiveView view, LiveAccess access) {
            return new LiveEndpoint(view, access);
        }
    }
}
