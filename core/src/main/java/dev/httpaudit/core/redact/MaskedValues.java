package dev.httpaudit.core.redact;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The original values masked while redacting one exchange, so that every string field of
 * the event can be scrubbed of them wherever else they appear, however they are spelled
 * there (percent-encoded, JSON-escaped, {@code +} for spaces, wholly or in part). Values
 * shorter than three characters and the literals {@code true}, {@code false} and
 * {@code null} are recorded but not scrubbed: they carry no secret, and scrubbing them would
 * only destroy the text. Used by one thread, for one event.
 */
public final class MaskedValues {

    private final Set<String> values = new LinkedHashSet<>();

    /** An empty record, as {@link Redactor} makes one per event (or a test of a custom rule). */
    public MaskedValues() {
    }

    /** Records a value that was masked; null and blank values are ignored. */
    public void add(@Nullable String value) {
        if (value != null && !value.isBlank()) {
            values.add(value);
        }
    }

    /** The values recorded so far. */
    public Set<String> values() {
        return Collections.unmodifiableSet(values);
    }
}
