package dev.httpaudit.servlet;

import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

/**
 * How an exchange went, as far as the filter can see it: the first exception thrown out of a
 * dispatch (or reported by the async cycle), the first client abort, an async timeout and a
 * {@code sendError} status, each with whether the response had been committed by then. The
 * event's status, outcome and error are derived from these ({@link EventAssembler}).
 *
 * <p>Written from the application's threads and the container's, read when the event is
 * assembled: every field is volatile, and the first error of each kind wins.
 */
final class ExchangeOutcome {

    private final HttpServletResponse response;
    private final Auditor auditor;

    private volatile @Nullable Throwable thrown;
    private volatile boolean thrownBeforeCommit;
    private volatile @Nullable Throwable abort;
    private volatile boolean abortBeforeCommit;
    private volatile boolean asyncTimedOut;
    private volatile @Nullable Integer sendErrorStatus;

    /** @param response the exchange's own response, asked whether it was committed */
    ExchangeOutcome(HttpServletResponse response, Auditor auditor) {
        this.response = response;
        this.auditor = auditor;
    }

    /** The application (or a later filter) threw out of a dispatch. */
    void recordThrown(Throwable error, HttpServletResponse currentResponse) {
        auditor.safely(() -> {
            if (thrown == null) {
                thrown = error;
                thrownBeforeCommit = !currentResponse.isCommitted();
            }
        });
    }

    /** The async cycle reported an error that is not the client's going away. */
    void asyncFailed(Throwable error) {
        recordThrown(error, response);
    }

    /** The client went away: an I/O error on a body stream, or an async/non-blocking onError. */
    void clientAborted(Throwable error) {
        auditor.safely(() -> {
            if (abort == null) {
                abort = error;
                abortBeforeCommit = !response.isCommitted();
            }
        });
    }

    void asyncTimedOut() {
        asyncTimedOut = true;
    }

    /** The application called {@code sendError} with {@code status}. */
    void sendError(int status) {
        sendErrorStatus = status;
    }

    @Nullable Throwable thrown() {
        return thrown;
    }

    boolean thrownBeforeCommit() {
        return thrownBeforeCommit;
    }

    @Nullable Throwable abort() {
        return abort;
    }

    boolean abortBeforeCommit() {
        return abortBeforeCommit;
    }

    boolean isAsyncTimedOut() {
        return asyncTimedOut;
    }

    @Nullable Integer sendErrorStatus() {
        return sendErrorStatus;
    }
}
