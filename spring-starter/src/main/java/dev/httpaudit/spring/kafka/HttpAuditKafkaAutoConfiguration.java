package dev.httpaudit.spring.kafka;

import dev.httpaudit.kafka.KafkaAuditSink;
import dev.httpaudit.spring.HttpAuditAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adds the Kafka sink when {@code http-audit.kafka.bootstrap-servers} is set and
 * {@code http-audit-kafka} is on the classpath. It is an addition: the default SLF4J sink
 * stays. That is why this runs after {@link HttpAuditAutoConfiguration}: the SLF4J sink is
 * there unless the application has an {@code AuditSink} bean, and this configuration's sink
 * is not yet defined when that is decided; the pipeline then takes every sink bean, this one
 * included. An application sink bean still replaces the SLF4J sink, as without Kafka.
 */
@AutoConfiguration(after = HttpAuditAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = {"dev.httpaudit.kafka.KafkaAuditSink", "org.apache.kafka.clients.producer.KafkaProducer"})
@ConditionalOnProperty(prefix = "http-audit", name = "enabled", havingValue = "true", matchIfMissing = true)
public class HttpAuditKafkaAutoConfiguration {

    /** Only with {@code bootstrap-servers} set: without it, no producer, no property class. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(prefix = "http-audit.kafka", name = "bootstrap-servers")
    @EnableConfigurationProperties(HttpAuditKafkaProperties.class)
    static class KafkaSink {

        /**
         * The sink, built from {@code http-audit.kafka.*}; Spring closes it (sending what is
         * left, up to {@code close-timeout}) after the pipeline that writes to it.
         */
        @Bean(destroyMethod = "close")
        @ConditionalOnMissingBean(KafkaAuditSink.class)
        KafkaAuditSink httpAuditKafkaSink(HttpAuditKafkaProperties properties) {
            KafkaAuditSink.Builder sink = KafkaAuditSink.builder(properties.getBootstrapServers())
                    .topic(properties.getTopic())
                    .startupWait(properties.getStartupWait())
                    .closeTimeout(properties.getCloseTimeout())
                    .producerProperties(properties.getProperties());
            if (properties.getKey() != null) {
                sink.key(properties.getKey());
            }
            return sink.build();
        }
    }
}
