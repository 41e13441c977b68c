package dev.httpaudit.spring.client;

import dev.httpaudit.client.AuditingClientHttpRequestInterceptor;
import dev.httpaudit.client.AuditingExchangeFilterFunction;
import dev.httpaudit.client.OutgoingCallAuditor;
import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.spring.HttpAuditAutoConfiguration;
import dev.httpaudit.spring.HttpAuditProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * Audits the outgoing calls of every {@code RestClient.Builder}, {@code RestTemplateBuilder} and
 * {@code WebClient.Builder} that Spring Boot provides, through Boot's customizers, into the same pipeline as the
 * requests served: on when {@code http-audit-client} is on the classpath (the starter brings
 * it) and {@code http-audit.client.enabled} is not {@code false}. The customizers are Spring
 * Boot 4's ({@code spring-boot-restclient}, {@code spring-boot-webclient}) or, on Spring Boot
 * 3.5, Boot 3.5's, registered by {@link Boot3ClientCustomizers}.
 */
@AutoConfiguration(after = HttpAuditAutoConfiguration.class)
@ConditionalOnClass(name = {"dev.httpaudit.client.AuditingClientHttpRequestInterceptor",
        "org.springframework.http.client.ClientHttpRequestInterceptor"})
@ConditionalOnProperty(prefix = "http-audit", name = {"enabled", "client.enabled"}, havingValue = "true",
        matchIfMissing = true)
@ConditionalOnBean(AuditPipeline.class)
@EnableConfigurationProperties(HttpAuditClientProperties.class)
public class HttpAuditClientAutoConfiguration {

    /**
     * The auditor: the inbound pipeline, the inbound capture limit and MDC key, and the
     * {@code http-audit.client.*} patterns and propagation.
     */
    @Bean
    @ConditionalOnMissingBean
    public OutgoingCallAuditor httpAuditOutgoingCallAuditor(AuditPipeline pipeline, HttpAuditProperties properties,
                                                            HttpAuditClientProperties client) {
        return OutgoingCallAuditor.builder(pipeline)
                .bodyMaxBytes(Math.toIntExact(properties.getBody().getMaxBytes().toBytes()))
                .correlationMdcKey(properties.getCorrelation().getMdcKey())
                .includeHosts(client.getIncludeHosts())
                .excludeHosts(client.getExcludeHosts())
                .includePaths(client.getIncludePaths())
                .excludePaths(client.getExcludePaths())
                .correlationHeader(client.isPropagateCorrelation() ? client.getCorrelationHeader() : null)
                .propagateTraceparent(client.isPropagateTraceparent())
                .build();
    }

    /** The interceptor, to add by hand to a client Boot does not build. */
    @Bean
    @ConditionalOnMissingBean
    public AuditingClientHttpRequestInterceptor httpAuditClientInterceptor(OutgoingCallAuditor auditor) {
        return AuditingClientHttpRequestInterceptor.of(auditor);
    }

    /** Boot 4's customizers of the {@code RestClient.Builder} and {@code RestTemplateBuilder} it provides. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.restclient.RestClientCustomizer")
    static class BootRestClients {

        @Bean
        RestClientCustomizer httpAuditRestClientCustomizer(AuditingClientHttpRequestInterceptor interceptor) {
            return builder -> builder.requestInterceptor(interceptor);
        }

        @Bean
        RestTemplateCustomizer httpAuditRestTemplateCustomizer(AuditingClientHttpRequestInterceptor interceptor) {
            return restTemplate -> restTemplate.getInterceptors().add(interceptor);
        }
    }

    /** The {@code WebClient} filter, when WebFlux is present: to add by hand to a client Boot does not build. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.web.reactive.function.client.ExchangeFilterFunction")
    static class WebClients {

        @Bean
        @ConditionalOnMissingBean
        AuditingExchangeFilterFunction httpAuditExchangeFilterFunction(OutgoingCallAuditor auditor) {
            return AuditingExchangeFilterFunction.of(auditor);
        }
    }

    /** Boot 4's customizer of the {@code WebClient.Builder} it provides. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = {"org.springframework.boot.webclient.WebClientCustomizer",
            "org.springframework.web.reactive.function.client.ExchangeFilterFunction"})
    static class BootWebClients {

        @Bean
        WebClientCustomizer httpAuditWebClientCustomizer(AuditingExchangeFilterFunction filter) {
            return builder -> builder.filter(filter);
        }
    }

    /** Boot 3.5's customizers of the builders it provides (types the starter does not compile against). */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.web.client.RestClientCustomizer")
    @Import(Boot3ClientCustomizers.class)
    static class Boot3Clients {
    }
}
