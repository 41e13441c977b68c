package dev.httpaudit.core.internal;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * SLF4J MDC values put for a while and the previous values restored on {@link #close()}, in
 * reverse order (so a key put twice ends as it was). A key whose current value already is the
 * one put is left alone, and so is not restored either: this is the usual case on a request
 * thread where the filter already put the correlation ID, and leaving the MDC untouched spares
 * Logback a copy of its map. An MDC that fails (no binding, a broken adapter) is left alone:
 * a failure here never reaches the caller.
 *
 * <p>Used on one thread, in a {@code try}-with-resources block:
 * <pre>{@code
 * try (MdcScope scope = MdcScope.open().put("request_id", id)) {
 *     logger.info("...");
 * }
 * }</pre>
 */
public final class MdcScope implements AutoCloseable {

    // Allocated at the first change: a scope that changes nothing costs one small object.
    private String @Nullable [] keys;
    private @Nullable String @Nullable [] previous;
    private int size;

    private MdcScope() {
    }

    /** A scope that has put nothing yet. */
    public static MdcScope open() {
        return new MdcScope();
    }

    /**
     * Puts {@code value} under {@code key} until {@link #close()}; {@code null} removes the key
     * for that time. A {@code null} key, or a value the MDC already holds, changes nothing.
     */
    public MdcScope put(@Nullable String key, @Nullable String value) {
        if (key == null) {
            return this;
        }
        try {
            String current = MDC.get(key);
            if (value == null ? current == null : value.equals(current)) {
                return this;
            }
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
            remember(key, current);
        } catch (RuntimeException e) {
            // an MDC that fails must not cost the caller anything: leave it as it is
        }
        return this;
    }

    /**
     * Like {@link #put}, but a {@code null} or empty value changes nothing (rather than removing
     * the key): for optional values such as a trace ID, where no value means "not known here".
     */
    public MdcScope putIfPresent(@Nullable String key, @Nullable String value) {
        return value == null || value.isEmpty() ? this : put(key, value);
    }

    /** True when this scope changed the MDC (and {@link #close()} will restore it). */
    public boolean changedAnything() {
        return size > 0;
    }

    /** Restores every key this scope changed to its previous value (absent keys are removed again). */
    @Override
    public void close() {
        String[] changedKeys = keys;
        @Nullable String[] previousValues = previous;
        if (changedKeys == null || previousValues == null) {
            return;
        }
        for (int i = size - 1; i >= 0; i--) {
            String key = changedKeys[i];
            String value = previousValues[i];
            try {
                if (value == null) {
                    MDC.remove(key);
                } else {
                    MDC.put(key, value);
                }
            } catch (RuntimeException e) {
                // nothing to restore into
            }
        }
        size = 0;
    }

    private void remember(String key, @Nullable String value) {
        String[] changedKeys = keys;
        @Nullable String[] previousValues = previous;
        if (changedKeys == null || previousValues == null) {
            changedKeys = new String[3];
            previousValues = new String[3];
        } else if (size == changedKeys.length) {
            changedKeys = Arrays.copyOf(changedKeys, size * 2);
            previousValues = Arrays.copyOf(previousValues, size * 2);
        }
        changedKeys[size] = key;
        previousValues[size] = value;
        keys = changedKeys;
        previous = previousValues;
        size++;
    }
}
