package dev.httpaudit.core.json;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the field tree: insertion-ordered {@code Map<String, Object>}s, immutable
 * {@code List<String>}s, and {@code String}, {@code Integer}, {@code Long} and {@code Boolean}
 * leaves. One per document; not thread-safe.
 */
final class TreeFieldWriter implements FieldWriter {

    private final Deque<Map<String, Object>> objects = new ArrayDeque<>();
    private final Deque<String> names = new ArrayDeque<>();
    private Map<String, Object> root = Map.of();
    private final List<String> array = new ArrayList<>();
    private String arrayName;

    /** The document, once its root object has been closed. */
    Map<String, Object> root() {
        return root;
    }

    @Override
    public void startObject(String name) {
        objects.push(new LinkedHashMap<>());
        names.push(name == null ? "" : name);
    }

    @Override
    public void endObject() {
        Map<String, Object> done = objects.pop();
        String name = names.pop();
        if (objects.isEmpty()) {
            root = done;
        } else if (!done.isEmpty()) {
            objects.peek().put(name, done);
        }
    }

    @Override
    public void string(String name, String value) {
        put(name, value);
    }

    @Override
    public void intNumber(String name, int value) {
        put(name, value);
    }

    @Override
    public void longNumber(String name, long value) {
        put(name, value);
    }

    @Override
    public void bool(String name, boolean value) {
        put(name, value);
    }

    @Override
    public void startArray(String name) {
        arrayName = name;
        array.clear();
    }

    @Override
    public void arrayString(String value) {
        array.add(value);
    }

    @Override
    public void endArray() {
        // most arrays hold one value (event.category, event.type, most headers)
        put(arrayName, array.size() == 1 ? List.of(array.get(0)) : List.copyOf(array));
    }

    /** A leaf, boxed as its type ({@code Integer}, {@code Long}, ...), into the innermost object. */
    private void put(String name, Object value) {
        objects.peek().put(name, value);
    }
}
