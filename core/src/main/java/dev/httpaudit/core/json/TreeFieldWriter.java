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
    private String arrayName;
    private List<String> array;

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
        objects.peek().put(name, value);
    }

    @Override
    public void intNumber(String name, int value) {
        objects.peek().put(name, value);
    }

    @Override
    public void longNumber(String name, long value) {
        objects.peek().put(name, value);
    }

    @Override
    public void bool(String name, boolean value) {
        objects.peek().put(name, value);
    }

    @Override
    public void startArray(String name) {
        arrayName = name;
        array = new ArrayList<>();
    }

    @Override
    public void arrayString(String value) {
        array.add(value);
    }

    @Override
    public void endArray() {
        objects.peek().put(arrayName, List.copyOf(array));
        array = null;
    }
}
