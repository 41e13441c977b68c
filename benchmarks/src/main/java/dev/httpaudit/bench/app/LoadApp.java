package dev.httpaudit.bench.app;

import dev.httpaudit.bench.Variant;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.sink.Slf4jAuditSink;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The end-to-end load-test app (benchmarks/load.sh): Spring Boot 4, Tomcat, one endpoint
 * that echoes a JSON body. Audited by the http-audit starter unless
 * {@code http-audit.enabled=false}; {@code bench.logbook=true} registers Zalando Logbook's
 * servlet filter by hand (configured as in the JMH benchmarks), since Logbook's Boot 3
 * auto-configuration is not made for Boot 4; {@code bench.slow-sink-ms=N} replaces the
 * default sink by one that sleeps N ms before writing through SLF4J.
 */
@SpringBootApplication
@RestController
public class LoadApp {

    public static void main(String[] args) {
        SpringApplication.run(LoadApp.class, args);
    }

    @PostMapping(path = "/echo", consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> echo(@RequestBody byte[] body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
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
