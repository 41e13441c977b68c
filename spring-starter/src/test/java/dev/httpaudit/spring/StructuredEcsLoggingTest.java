package dev.httpaudit.spring;

/** Spring Boot's structured {@code ecs} format. */
class StructuredEcsLoggingTest extends StructuredLoggingTest {

    @Override
    String format() {
        return "ecs";
    }
}
