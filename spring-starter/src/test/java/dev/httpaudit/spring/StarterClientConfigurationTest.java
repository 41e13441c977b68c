package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.client.AuditingClientHttpRequestInterceptor;
import dev.httpaudit.client.AuditingExchangeFilterFunction;
import dev.httpaudit.client.OutgoingCallAuditor;
import dev.httpaudit.spring.client.HttpAuditClientAutoConfiguration;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.restclient.RestClientCustomizer;
import org.springframework.boot.restclient.RestTemplateCustomizer;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * When outgoing calls are audited: on by default with the module present, off with
 * {@code http-audit.client.enabled=false} or {@code http-audit.enabled=false}; the host and
 * path patterns reach the auditor. (Boot 4's customizers: excluded in spring-boot3-compat.)
 */
class StarterClientConfigurationTest {

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(HttpAuditAutoConfiguration.class,
                    HttpAuditClientAutoConfiguration.class));

    @Test
    void onByDefaultWithTheCustomizersOfBootsBuilders() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(OutgoingCallAuditor.class);
            assertThat(context).hasSingleBean(AuditingClientHttpRequestInterceptor.class);
            assertThat(context).hasSingleBean(RestClientCustomizer.class);
            assertThat(context).hasSingleBean(RestTemplateCustomizer.class);
        });
    }

    @Test
    void offWithClientEnabledFalse() {
        runner.withPropertyValues("http-audit.client.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(OutgoingCallAuditor.class);
            assertThat(context).doesNotHaveBean(RestClientCustomizer.class);
        });
    }

    @Test
    void offWhenAuditingIsOff() {
        runner.withPropertyValues("http-audit.enabled=false").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(OutgoingCallAuditor.class);
        });
    }

    @Test
    void hostAndPathPatternsChooseTheCallsAudited() {
        runner.withPropertyValues("http-audit.client.include-hosts=*.example.com",
                "http-audit.client.exclude-paths=/health/**").run(context -> {
            OutgoingCallAuditor auditor = context.getBean(OutgoingCallAuditor.class);
            assertThat(auditor.audits(URI.create("https://pay.example.com/v1/charges"))).isTrue();
            assertThat(auditor.audits(URI.create("https://PAY.EXAMPLE.COM/v1/charges"))).isTrue();
            assertThat(auditor.audits(URI.create("https://pay.example.com/health/live"))).isFalse();
            assertThat(auditor.audits(URI.create("https://other.org/v1/charges"))).isFalse();
        });
    }

    @Test
    void theWebClientBuilderBootProvidesGetsTheFilter() {
        runner.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class)).run(context -> {
            assertThat(context).hasNotFailed();
            AuditingExchangeFilterFunction filter = context.getBean(AuditingExchangeFilterFunction.class);
            List<ExchangeFilterFunction> filters = new ArrayList<>();
            context.getBean(WebClient.Builder.class).filters(filters::addAll);
            assertThat(filters).containsExactly(filter);
        });
    }

    @Test
    void theWebClientBuilderKeepsNoFilterWithClientEnabledFalse() {
        runner.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class))
                .withPropertyValues("http-audit.client.enabled=false").run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(AuditingExchangeFilterFunction.class);
                    List<ExchangeFilterFunction> filters = new ArrayList<>();
                    context.getBean(WebClient.Builder.class).filters(filters::addAll);
                    assertThat(filters).isEmpty();
                });
    }
}
