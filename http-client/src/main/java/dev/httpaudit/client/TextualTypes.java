package dev.httpaudit.client;

import dev.httpaudit.core.internal.BodyText;
import org.jspecify.annotations.Nullable;

/**
 * The media types whose bodies are recorded as text, as the servlet filter's defaults: JSON
 * (and {@code +json}), {@code text/*}, XML (and {@code +xml}), form-urlencoded. Anything
 * else (and no media type) is recorded by size only.
 */
final class TextualTypes {

    private TextualTypes() {
    }

    static boolean isTextual(@Nullable String mime) {
        if (mime == null) {
            return false;
        }
        return BodyText.isJsonMimeType(mime) || mime.startsWith("text/") || mime.equals("application/xml")
                || mime.endsWith("+xml") || mime.equals("application/x-www-form-urlencoded");
    }
}
