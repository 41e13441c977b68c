package dev.httpaudit.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Header maps as the event holds them: lower-case names, immutable, in insertion order. */
public final class Headers {

    private Headers() {
    }

    /**
     * An immutable copy with lower-case names, values of names that differ only in case
     * merged, insertion order kept; {@code null} gives an empty map.
     */
    public static Map<String, List<String>> copyOf(Map<String, List<String>> headers) {
        if (headers == null || headers.isEmpty()) {
            return Map.of();
        }
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (name == null || values == null) {
                return;
            }
            copy.merge(name.toLowerCase(Locale.ROOT), List.copyOf(values), (a, b) -> {
                var merged = new java.util.ArrayList<String>(a);
                merged.addAll(b);
                return List.copyOf(merged);
            });
        });
        return java.util.Collections.unmodifiableMap(copy);
    }
}
