package dev.httpaudit.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link AuditEventEnricher} may know about the exchange beyond its event, captured
 * by the integration while the request was live, on the thread that ran it: the request's
 * attributes and the SLF4J MDC. Immutable and safe to read on any thread, so an enricher that
 * reads it does not depend on which thread emits the event (the request thread, a container
 * thread completing an async request, or the servlet filter's deferred-end thread).
 *
 * <p>The attribute values are the objects the application set, not copies: read what you need
 * from them in {@code enrich}, and keep nothing that belongs to the request (it is recycled
 * once the exchange is over).
 */
public final class ExchangeContext {

    private static final ExchangeContext EMPTY = new ExchangeContext(Map.of(), Map.of());

    private final Map<String, Object> attributes;
    private final Map<String, String> mdc;

    private ExchangeContext(Map<String, Object> attributes, Map<String, String> mdc) {
        this.attributes = attributes;
        this.mdc = mdc;
    }

    /** No attributes, an empty MDC: what an event emitted outside any request gets. */
    public static ExchangeContext empty() {
        return EMPTY;
    }

    /**
     * A context of copies of {@code attributes} and {@code mdc} (in their iteration order);
     * entries with a {@code null} name or value are left out.
     */
    public static ExchangeContext of(Map<String, ?> attributes, Map<String, String> mdc) {
        if (attributes.isEmpty() && mdc.isEmpty()) {
            return EMPTY;
        }
        return new ExchangeContext(copy(attributes), copy(mdc));
    }

    /** The request attribute {@code name} as it was at the end of the exchange, or {@code null} when it was not set. */
    public @Nullable Object attribute(String name) {
        return attributes.get(name);
    }

    /** The names of the request attributes at the end of the exchange (read-only). */
    public Set<String> attributeNames() {
        return attributes.keySet();
    }

    /**
     * The SLF4J MDC as it was on the thread that ran the exchange, when its last dispatch
     * ended (read-only; empty when there was none, or no SLF4J binding keeps one).
     */
    public Map<String, String> mdc() {
        return mdc;
    }

    /** The attribute and MDC names only: the values may be anything, including secrets. */
    @Override
    public String toString() {
        return "ExchangeContext[attributes=" + attributes.keySet() + ", mdc=" + mdc.keySet() + "]";
    }

    private static <V> Map<String, V> copy(Map<String, ? extends V> source) {
        if (source.isEmpty()) {
            return Map.of();
        }
        Map<String, V> copy = new LinkedHashMap<>(source.size() * 2);
        for (Map.Entry<String, ? extends V> entry : source.entrySet()) {
            if (entry.getKey() != null && entry.getValue() != null) {
                copy.put(entry.getKey(), entry.getValue());
            }
        }
        return Collections.unmodifiableMap(copy);
    }
}
