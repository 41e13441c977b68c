package dev.httpaudit.core.sink;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditSink;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps events in memory, in the order written: for tests, including the users' own tests
 * of what their application audits. Unbounded; not for production.
 */
public final class InMemoryAuditSink implements AuditSink {

    private final List<AuditEvent> events = new ArrayList<>();

    /** An empty sink. */
    public static InMemoryAuditSink create() {
        return new InMemoryAuditSink();
    }

    @Override
    public synchronized void write(AuditEvent event) {
        events.add(event);
        notifyAll();
    }

    /** A snapshot of the events written so far. */
    public synchronized List<AuditEvent> events() {
        return List.copyOf(events);
    }

    /** How many events were written. */
    public synchronized int size() {
        return events.size();
    }

    /** Forgets all events. */
    public synchronized void clear() {
        events.clear();
    }

    /**
     * Waits until at least {@code count} events are here or {@code timeout} passes, and
     * returns a snapshot (events are written when an exchange completes, which a client may
     * see a moment after its response).
     */
    public synchronized List<AuditEvent> awaitEvents(int count, java.time.Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (events.size() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return List.copyOf(new ArrayList<>(events));
    }
}
