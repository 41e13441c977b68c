package dev.httpaudit.core.integrity.internal;

import java.io.StringWriter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;

/**
 * One problem the verifier found: in which file, at which line (1-based; one past the last line
 * for something missing at the end of a file), what kind, and a sentence saying what.
 */
public record Finding(String file, long line, FindingKind kind, String detail) {

    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** {@code FILE:LINE: KIND: detail}. */
    public String toText() {
        return file + ":" + line + ": " + kind.wireName() + ": " + detail;
    }

    /** One JSON object: {@code {"file":...,"line":...,"kind":...,"detail":...}}. */
    public String toJson() {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(ObjectWriteContext.empty(), out)) {
            g.writeStartObject();
            g.writeStringProperty("file", file);
            g.writeNumberProperty("line", line);
            g.writeStringProperty("kind", kind.wireName());
            g.writeStringProperty("detail", detail);
            g.writeEndObject();
        }
        return out.toString();
    }
}
