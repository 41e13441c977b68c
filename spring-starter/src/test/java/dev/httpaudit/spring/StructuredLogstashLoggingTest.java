package dev.httpaudit.spring;

/** Spring Boot's structured {@code logstash} format. */
class StructuredLogstashLoggingTest extends StructuredLoggingTest {

    @Override
    String format() {
        return "logstash";
    }
}
