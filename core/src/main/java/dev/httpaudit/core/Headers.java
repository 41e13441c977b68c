package dev.httpaudit.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Header maps as the event holds them: lower-case names, immutable, in insertion order. */
final class Headers {

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
        if (headers instanceof Frozen) {
            // already a copy made here: immutable, lower-case, merged; every with...() of an
            // event passes its headers through again, so they are not copied again
            return headers;
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
        return new Frozen(java.util.Collections.unmodifiableMap(copy));
    }

    /** A map made by {@link #copyOf}: read-only view, equal to any map with the same entries. */
    private static final class Frozen extends java.util.AbstractMap<String, List<String>> {
        private final Map<String, List<String>> map;

        Frozen(Map<String, List<String>> map) {
            this.map = map;
        }

        @Override
        public java.util.Set<Map.Entry<String, List<String>>> entrySet() {
            return map.entrySet();
        }

        @Override
        public List<String> get(Object key) {
            return map.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return map.containsKey(key);
        }

        @Override
        public int size() {
            return map.size();
        }

        @Override
        public void forEach(java.util.function.BiConsumer<? super String, ? super List<String>> action) {
            map.forEach(action);
        }
    }
}
