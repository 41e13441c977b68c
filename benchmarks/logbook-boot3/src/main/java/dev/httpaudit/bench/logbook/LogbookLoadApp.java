package dev.httpaudit.bench.logbook;

import dev.httpaudit.bench.app.web.EchoController;
import dev.httpaudit.bench.app.web.LoadSecurity;
import dev.httpaudit.bench.app.web.RequestCounter;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Import;

/**
 * The load test's Logbook app (benchmarks/load.sh): Spring Boot 3.5.7, Tomcat, the same
 * {@link EchoController}, {@link LoadSecurity} and {@link RequestCounter} as the http-audit app, audited by Logbook
 * 3.12.3's starter, configured in {@code application.properties} to do the work http-audit
 * does (JSON format, Authorization masked, the {@code password} field masked, bodies cut at
 * 64 KiB), logging through the same {@code load-logback.xml}.
 */
@SpringBootApplication
@Import({EchoController.class, LoadSecurity.class, RequestCounter.class})
public class LogbookLoadApp {

    public static void main(String[] args) {
        SpringApplication.run(LogbookLoadApp.class, args);
    }
}
