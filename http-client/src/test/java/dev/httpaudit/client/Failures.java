package dev.httpaudit.client;

import java.util.ArrayList;
import java.util.List;

/** What a test needs to know of an exception the application got. */
final class Failures {

    private Failures() {
    }

    /**
     * The innermost cause: what an outgoing event names as {@code error.type}, as inbound events
     * do. The JDK client sometimes chains the closed connection under its {@code HttpTimeoutException}.
     */
    static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The failure and its causes, outermost first. */
    static List<Throwable> chain(Throwable failure) {
        List<Throwable> chain = new ArrayList<>();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            chain.add(cause);
        }
        return chain;
    }
}
