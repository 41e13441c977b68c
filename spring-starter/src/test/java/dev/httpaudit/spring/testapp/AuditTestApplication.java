package dev.httpaudit.spring.testapp;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A small Spring Boot API the starter's tests audit, with no auditing code of its own. */
@SpringBootApplication
public class AuditTestApplication {
}
