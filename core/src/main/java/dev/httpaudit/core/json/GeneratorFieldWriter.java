package dev.httpaudit.core.json;

import java.util.Arrays;
import tools.jackson.core.JsonGenerator;

/**
 * Streams the fields straight into a Jackson generator (UTF-8 bytes), with no tree in between.
 * An object's start is held back until its first field, so that an object that gets none is
 * left out without being buffered. One per document; not thread-safe.
 */
final class GeneratorFieldWriter implements FieldWriter {

    private final JsonGenerator generator;
    /** Names of the objects opened, outermost first; those below {@link #written} are in the output. */
    private String[] open = new String[8];
    private int depth;
    private int written;

    GeneratorFieldWriter(JsonGenerator generator) {
        this.generator = generator;
    }

    @Override
    public void startObject(String name) {
        if (depth == open.length) {
            open = Arrays.copyOf(open, depth * 2);
        }
        open[depth++] = name;
    }

    @Override
    public void endObject() {
        if (written == depth) {
            generator.writeEndObject();
            written--;
        }
        depth--;
    }

    @Override
    public void string(String name, String value) {
        name(name);
        generator.writeString(value);
    }

    @Override
    public void intNumber(String name, int value) {
        name(name);
        generator.writeNumber(value);
    }

    @Override
    public void longNumber(String name, long value) {
        name(name);
        generator.writeNumber(value);
    }

    @Override
    public void bool(String name, boolean value) {
        name(name);
        generator.writeBoolean(value);
    }

    @Override
    public void startArray(String name) {
        name(name);
        generator.writeStartArray();
    }

    @Override
    public void arrayString(String value) {
        generator.writeString(value);
    }

    @Override
    public void endArray() {
        generator.writeEndArray();
    }

    /** Writes the held-back object starts, then the field's name. */
    private void name(String name) {
        while (written < depth) {
            String objectName = open[written++];
            if (objectName != null) {
                generator.writeName(objectName);
            }
            generator.writeStartObject();
        }
        generator.writeName(name);
    }
}
