package dev.httpaudit.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditEventEnricher;
import dev.httpaudit.core.ExchangeContext;
import dev.httpaudit.core.SampleEvents;
import dev.httpaudit.core.sink.InMemoryAuditSink;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Enrichers get what the integration captured of the exchange; enrichers written before it still work. */
class AuditPipelineContextTest {

    private final InMemoryAuditSink memory = InMemoryAuditSink.create();

    @Test
    void everyEnricherGetsTheContextEmittedWithTheEvent() {
        AuditPipeline pipeline = AuditPipeline.builder(memory)
                .enricher(AuditEventEnricher.withContext((event, context) ->
                        event.withLabel("tenant", String.valueOf(context.attribute("tenant")))))
                .enricher(AuditEventEnricher.withContext((event, context) ->
                        event.withLabel("mdc_user", context.mdc().getOrDefault("user", "none"))))
                .build();

        pipeline.emit(SampleEvents.minimal(), ExchangeContext.of(Map.of("tenant", "acme"), Map.of("user", "alice")), null);

        assertThat(memory.events()).singleElement().satisfies(event -> assertThat(event.labels())
                .containsEntry("tenant", "acme").containsEntry("mdc_user", "alice"));
    }

    @Test
    void anEventEmittedWithoutContextGivesTheEnrichersTheEmptyOne() {
        List<ExchangeContext> seen = new CopyOnWriteArrayList<>();
        AuditPipeline pipeline = AuditPipeline.builder(memory)
                .enricher(AuditEventEnricher.withContext((event, context) -> {
                    seen.add(context);
                    return event;
                }))
                .build();

        pipeline.emit(SampleEvents.minimal());
        pipeline.emit(SampleEvents.minimal(), event -> { });

        assertThat(seen).containsExactly(ExchangeContext.empty(), ExchangeContext.empty());
        assertThat(memory.events()).hasSize(2);
    }

    @Test
    void aLambdaEnricherWrittenAgainstTheOneArgumentMethodRunsWhenAContextIsGiven() {
        AuditEventEnricher legacy = event -> event.withLabel("legacy", "yes");
        AuditPipeline pipeline = AuditPipeline.builder(memory).enricher(legacy).build();

        pipeline.emit(SampleEvents.minimal(), ExchangeContext.of(Map.of("tenant", "acme"), Map.of()), null);

        assertThat(memory.events()).singleElement().satisfies(event ->
                assertThat(event.labels()).containsEntry("legacy", "yes").doesNotContainKey("tenant"));
    }

    @Test
    void aContextEnricherCalledWithoutContextGetsTheEmptyOne() {
        AuditEventEnricher enricher = AuditEventEnricher.withContext((event, context) ->
                event.withLabel("attributes", String.valueOf(context.attributeNames().size())));

        AuditEvent enriched = enricher.enrich(SampleEvents.minimal());

        assertThat(enriched.labels()).containsEntry("attributes", "0");
    }

    @Test
    void hasEnrichersSaysWhetherAContextIsWorthCapturing() {
        assertThat(AuditPipeline.of(memory).hasEnrichers()).isFalse();
        assertThat(AuditPipeline.builder(memory).enricher(event -> event).build().hasEnrichers()).isTrue();
    }
}
