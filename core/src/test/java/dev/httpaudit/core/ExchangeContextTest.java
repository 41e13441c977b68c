package dev.httpaudit.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The enrichers' view of an exchange: a copy, read-only, that does not show its values. */
class ExchangeContextTest {

    @Test
    void isACopyThatLaterChangesToTheSourcesDoNotReach() {
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("tenant", "acme");
        Map<String, String> mdc = new HashMap<>(Map.of("request_id", "r-1"));

        ExchangeContext context = ExchangeContext.of(attributes, mdc);
        attributes.put("tenant", "other");
        attributes.put("late", "value");
        mdc.clear();

        assertThat(context.attribute("tenant")).isEqualTo("acme");
        assertThat(context.attribute("late")).isNull();
        assertThat(context.attributeNames()).containsExactly("tenant");
        assertThat(context.mdc()).containsExactlyEntriesOf(Map.of("request_id", "r-1"));
    }

    @Test
    void isReadOnly() {
        ExchangeContext context = ExchangeContext.of(Map.of("a", 1), Map.of("k", "v"));

        assertThatThrownBy(() -> context.mdc().put("k", "changed")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> context.attributeNames().remove("a")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void entriesWithoutAValueAreLeftOut() {
        Map<String, Object> attributes = new HashMap<>();
        attributes.put("present", "yes");
        attributes.put("absent", null);
        Map<String, String> mdc = new HashMap<>();
        mdc.put("empty", null);

        ExchangeContext context = ExchangeContext.of(attributes, mdc);

        assertThat(context.attributeNames()).containsExactly("present");
        assertThat(context.mdc()).isEmpty();
    }

    @Test
    void emptyHasNothingAndToStringShowsNamesNotValues() {
        assertThat(ExchangeContext.empty().attribute("anything")).isNull();
        assertThat(ExchangeContext.empty().mdc()).isEmpty();
        assertThat(ExchangeContext.of(Map.of(), Map.of())).isSameAs(ExchangeContext.empty());

        String shown = ExchangeContext.of(Map.of("session.token", "s3cr3t"), Map.of("user", "alice")).toString();

        assertThat(shown).contains("session.token", "user").doesNotContain("s3cr3t", "alice");
    }
}
