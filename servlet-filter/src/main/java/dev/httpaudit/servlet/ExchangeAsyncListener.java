package dev.httpaudit.servlet;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.io.IOException;

/**
 * The exchange's listener on an async cycle: {@code onComplete} ends the exchange, a timeout
 * and an error are recorded in its outcome, and a new cycle ({@code startAsync} again, which
 * clears the listeners) registers it again, so it stays until the real end.
 */
final class ExchangeAsyncListener implements AsyncListener {

    private final DispatchLifecycle lifecycle;
    private final ExchangeOutcome outcome;
    private final Auditor auditor;

    ExchangeAsyncListener(DispatchLifecycle lifecycle, ExchangeOutcome outcome, Auditor auditor) {
        this.lifecycle = lifecycle;
        this.outcome = outcome;
        this.auditor = auditor;
    }

    @Override
    public void onComplete(AsyncEvent event) {
        lifecycle.complete();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        outcome.asyncTimedOut();
    }

    @Override
    public void onError(AsyncEvent event) {
        Throwable error = event.getThrowable();
        if (error == null) {
            return;
        }
        if (isIoError(error)) {
            outcome.clientAborted(error);
        } else {
            outcome.asyncFailed(error);
        }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // A new async cycle clears the listeners: stay registered for the real end.
        auditor.safely(() -> event.getAsyncContext().addListener(this));
    }

    private static boolean isIoError(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }
}
