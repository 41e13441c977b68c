/**
 * API: the auto-configuration of the Kafka sink ({@code http-audit.kafka.*}), active when
 * {@code http-audit-kafka} is on the classpath.
 */
@NullMarked
package dev.httpaudit.spring.kafka;

import org.jspecify.annotations.NullMarked;
