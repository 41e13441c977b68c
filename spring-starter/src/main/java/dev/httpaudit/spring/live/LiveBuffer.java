package dev.httpaudit.spring.live;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.json.EventJsonWriter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The most recent events, bounded by count and by the total size of their JSON lines: a sink
 * beside the others, so it receives each event after enrichment, redaction and the size limit,
 * exactly as the log does, and can never show what the log would not. The oldest events go
 * first; an event larger than the whole byte budget is not kept. Events of the live view's own
 * requests (its page and its endpoint) are left out, so that watching does not fill the view.
 */
final class LiveBuffer implements AuditSink {

    /** One kept event and the size of its JSON line, which the byte budget counts. */
    private record Entry(AuditEvent event, long bytes) {
    }

    private final int maxEvents;
    private final long maxBytes;
    private final List<String> ownPathPrefixes;
    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long bytes;
    private long evicted;

    private LiveBuffer(int maxEvents, long maxBytes, List<String> ownPathPrefixes) {
        this.maxEvents = maxEvents;
        this.maxBytes = maxBytes;
        this.ownPathPrefixes = List.copyOf(ownPathPrefixes);
    }

    /**
     * @param ownPathPrefixes the paths of the view's own requests; an event whose path equals one
     *                        or lies under it is not kept
     */
    static LiveBuffer of(int maxEvents, long maxBytes, List<String> ownPathPrefixes) {
        if (maxEvents < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("maxEvents and maxBytes must be at least 1");
        }
        return new LiveBuffer(maxEvents, maxBytes, ownPathPrefixes);
    }

    @Override
    public void write(AuditEvent event) {
        if (isOwnRequest(event.url().path())) {
            return;
        }
        long size = EventJsonWriter.instance().sizeOf(event); // outside the lock: it serializes
        synchronized (this) {
            if (size > maxBytes) {
                evicted++;
                return;
            }
            entries.addLast(new Entry(event, size));
            bytes += size;
            while (entries.size() > maxEvents || bytes > maxBytes) {
                bytes -= entries.removeFirst().bytes();
                evicted++;
            }
        }
    }

    private boolean isOwnRequest(String path) {
        for (String prefix : ownPathPrefixes) {
            if (path.startsWith(prefix) && (path.length() == prefix.length() || path.charAt(prefix.length()) == '/')) {
                return true;
            }
        }
        return false;
    }

    /** The kept events, newest first. */
    synchronized List<AuditEvent> newestFirst() {
        List<AuditEvent> events = new ArrayList<>(entries.size());
        for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext(); ) {
            events.add(it.next().event());
        }
        return events;
    }

    /** The kept event with this {@code event.id}. */
    synchronized Optional<AuditEvent> find(String eventId) {
        for (Iterator<Entry> it = entries.descendingIterator(); it.hasNext(); ) {
            AuditEvent event = it.next().event();
            if (event.id().equals(eventId)) {
                return Optional.of(event);
            }
        }
        return Optional.empty();
    }

    /** How much the buffer holds and has let go, as the endpoint and the page show it. */
    synchronized Usage usage() {
        return new Usage(entries.size(), bytes, maxEvents, maxBytes, evicted);
    }

    /**
     * @param evicted events let go to stay within the bounds (or too large to keep at all)
     */
    record Usage(int events, long bytes, int maxEvents, long maxBytes, long evicted) {
    }
}
