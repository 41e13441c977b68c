/**
 * API: the Kafka sink ({@link dev.httpaudit.kafka.KafkaAuditSink}), which ships each audit
 * event to a Kafka topic as its JSON line.
 */
@NullMarked
package dev.httpaudit.kafka;

import org.jspecify.annotations.NullMarked;
