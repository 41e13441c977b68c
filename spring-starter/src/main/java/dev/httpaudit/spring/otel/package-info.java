/**
 * Spring Boot auto-configuration of the OpenTelemetry logs sink
 * ({@code http-audit.opentelemetry.*}). API: the properties class and the auto-configuration,
 * whose bean the application may replace.
 */
@NullMarked
package dev.httpaudit.spring.otel;

import org.jspecify.annotations.NullMarked;
