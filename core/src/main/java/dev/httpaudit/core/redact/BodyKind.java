package dev.httpaudit.core.redact;

import dev.httpaudit.core.Body;
import dev.httpaudit.core.internal.BodyText;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How a body's content is redacted, from its MIME type. */
enum BodyKind {
    /** {@code application/json}, {@code +json} and other JSON types: rewritten by streaming. */
    JSON,
    /** {@code application/x-www-form-urlencoded}, and forms reconstructed from parameters. */
    FORM,
    /** Anything else: free text (plain text, XML, HTML, unknown). */
    TEXT;

    static BodyKind of(@Nullable String mimeType, Body body) {
        if (body.reconstructed()) {
            return FORM;
        }
        if (mimeType == null) {
            return TEXT;
        }
        String type = mimeType;
        int parameters = type.indexOf(';');
        if (parameters >= 0) {
            type = type.substring(0, parameters);
        }
        type = type.trim().toLowerCase(Locale.ROOT);
        if (type.equals("application/x-www-form-urlencoded")) {
            return FORM;
        }
        // json, +json, x-ndjson, jsonl, json-seq, json-patch+json, ...: the same test as the
        // one that chose how the captured bytes were decoded
        return BodyText.isJsonMimeType(type) ? JSON : TEXT;
    }

    /** True for JSON types that hold a sequence of documents (NDJSON, JSON lines, JSON text sequences). */
    static boolean isJsonSequence(@Nullable String mimeType) {
        if (mimeType == null) {
            return false;
        }
        String type = mimeType.toLowerCase(Locale.ROOT);
        return type.contains("ndjson") || type.contains("jsonl") || type.contains("json-seq")
                || type.contains("jsonlines") || type.contains("json-lines");
    }

    /** True when text starts (after whitespace) like a JSON object or array. */
    static boolean looksLikeJson(String content) {
        return BodyText.startsLikeJson(content);
    }
}
