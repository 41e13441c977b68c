package dev.httpaudit.core.json;

/**
 * Where {@link EcsFieldMapping} writes an event's fields, in order: the one mapping drives
 * both the field tree (for log encoders) and the JSON bytes (for the file, Kafka and JDBC
 * sinks), so the two cannot drift apart. An object that gets no field is left out, as absent
 * data is; arrays are only started with at least one element.
 */
interface FieldWriter {

    /** Opens an object; {@code name} is null for the document itself. */
    void startObject(String name);

    /** Closes the innermost object; it is left out if nothing was written into it. */
    void endObject();

    void string(String name, String value);

    /** An {@code int} field (kept as {@code Integer} in the tree). */
    void intNumber(String name, int value);

    /** A {@code long} field (kept as {@code Long} in the tree). */
    void longNumber(String name, long value);

    void bool(String name, boolean value);

    /** Opens an array of strings; at least one {@link #arrayString} follows. */
    void startArray(String name);

    void arrayString(String value);

    void endArray();
}
