package dev.httpaudit.bench.app;

import dev.httpaudit.bench.Variant;
import dev.httpaudit.bench.app.web.EchoController;
import dev.httpaudit.bench.exchange.Payloads;
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.ClientInfo;
import dev.httpaudit.core.Outcome;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.sink.Slf4jAuditSink;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * The end-to-end load-test app (benchmarks/load.sh): Spring Boot 4, Tomcat, Spring Security
 * ({@link dev.httpaudit.bench.app.web.LoadSecurity}) and one endpoint, {@code POST /api/echo},
 * that echoes a JSON body ({@link dev.httpaudit.bench.app.web.EchoController}; the Logbook app
 * on Boot 3.5, module {@code benchmarks/logbook-boot3}, serves the same two classes). Audited by
 * the http-audit starter unless {@code http-audit.enabled=false}; {@code bench.logbook=true}
 * registers Zalando Logbook's servlet filter by hand on Boot 4 (configured as in the JMH
 * benchmarks; the table's Logbook row is its own starter on Boot 3.5, since Logbook's
 * auto-configuration is not made for Boot 4); {@code bench.slow-sink-ms=N} replaces the
 * default sink by one that sleeps N ms before writing through SLF4J; {@code bench.log-only=true}
 * writes, per request, one ready-made event of the same exchange through the default SLF4J
 * sink: what the log line alone costs (no capture, no redaction), the floor for any auditing
 * that writes such a line.
 */
@SpringBootApplication
public class LoadApp {

    public static void main(String[] args) {
        SpringApplication.run(LoadApp.class, args);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "bench.logbook", havingValue = "true")
    static class LogbookConfiguration {
        @Bean
        FilterRegistrationBean<Filter> logbookFilter() {
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(Variant.LOGBOOK.filters()[0]);
            registration.setName("logbookFilter");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            registration.setDispatcherTypes(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
            registration.setAsyncSupported(true);
            return registration;
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "bench.log-only", havingValue = "true")
    static class LogOnlyConfiguration {
        @Bean
        FilterRegistrationBean<Filter> logOnlyFilter() {
            AuditEvent event = echoEvent();
            Slf4jAuditSink sink = Slf4jAuditSink.create();
            Filter filter = (request, response, chain) -> {
                chain.doFilter(request, response);
                sink.write(event);
            };
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(filter);
            registration.setName("logOnlyFilter");
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            return registration;
        }

        /** The event http-audit writes for the echo exchange, masked as its redaction would. */
        private static AuditEvent echoEvent() {
            String body = new String(Payloads.REQUEST_1K, StandardCharsets.UTF_8)
                    .replace(Payloads.PASSWORD, "***");
            Map<String, List<String>> requestHeaders = new LinkedHashMap<>();
            requestHeaders.put("host", List.of("127.0.0.1:18080"));
            requestHeaders.put("content-type", List.of("application/json"));
            requestHeaders.put("authorization", List.of("***"));
            requestHeaders.put("content-length", List.of("1024"));
            Instant start = Instant.now();
            return AuditEvent.builder()
                    .timing(start, start.plusNanos(250_000), 250_000)
                    .outcome(Outcome.of(200, false, false))
                    .httpVersion("1.1")
                    .request(new AuditRequest("0123456789abcdef0123456789abcdef", "POST", "application/json",
                            requestHeaders, Body.captured(1024, body, false)))
                    .response(new AuditResponse(200, "application/json", Map.of(
                            "content-type", List.of("application/json"),
                            "x-request-id", List.of("0123456789abcdef0123456789abcdef")),
                            Body.captured(1024, body, false)))
                    .url(new UrlInfo(EchoController.PATH, null, "http", "127.0.0.1", 18080))
                    .client(new ClientInfo("127.0.0.1", 50000))
                    .userAgent("wrk/4.1.0")
                    .route(EchoController.PATH)
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "bench.slow-sink-ms")
    static class SlowSinkConfiguration {
        @Bean
        AuditSink slowSink(@Value("${bench.slow-sink-ms}") long millis) {
            Slf4jAuditSink delegate = Slf4jAuditSink.create();
            return event -> {
                try {
                    TimeUnit.MILLISECONDS.sleep(millis); // a log backend that takes this long per write
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                delegate.write(event);
            };
        }
    }
}
