package dev.httpaudit.servlet;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.TraceInfo;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.MDC;

/**
 * The state of one audited exchange, kept in a request attribute so that the ASYNC and
 * ERROR dispatches belonging to it find it, re-wrap with the same captures, and the event is
 * emitted exactly once, at the real end of the exchange.
 *
 * <p>Every method called from the application's path (tees, wrappers, dispatch entry and
 * exit) is guarded: a failure of auditing is counted and never reaches the application.
 */
final class Exchange implements AsyncListener {

    /** Request attribute holding the exchange. */
    static final String ATTRIBUTE = Exchange.class.getName();

    /** What the filter hands to the chain for one dispatch, and what to restore after it. */
    record Dispatch(ServletRequest request, ServletResponse response, DispatcherType type, String previousMdc) {
    }

    final Auditor auditor;
    final HttpServletRequest request;
    final HttpServletResponse response;
    final Instant start;
    final long startNanos;
    final String correlationId;
    final TraceInfo trace;
    final ClientAddressResolver.Resolved client;
    final String method;
    final String protocol;
    final String userAgent;
    final String requestContentType;
    final long requestContentLength;
    final boolean requestChunked;
    final Map<String, List<String>> requestHeaders;
    final boolean bodyContentAllowed;

    private final BodyCapture requestCapture;
    private volatile BodyCapture responseCapture;
    private volatile Charset responseWriterCharset;

    private volatile boolean requestBodyRead;
    private volatile boolean parametersAccessed;
    private volatile boolean partsAccessed;
    private boolean streamOpened;
    private TeeInputStream teeInput;
    private BufferedReader reader;
    private TeeOutputStream teeOutput;
    private TeeWriter teeWriter;

    private volatile Throwable thrown;
    private volatile boolean thrownBeforeCommit;
    private volatile Throwable abort;
    private volatile boolean abortBeforeCommit;
    private volatile boolean asyncTimedOut;
    private volatile Integer sendErrorStatus;
    private volatile boolean errorDispatched;
    private volatile String route;
    private volatile boolean asyncListenerAdded;
    private final AtomicBoolean completed = new AtomicBoolean();

    Exchange(Auditor auditor, HttpServletRequest request, HttpServletResponse response, long startNanos,
             String correlationId, TraceInfo trace, boolean bodyContentAllowed, Map<String, List<String>> requestHeaders) {
        this.auditor = auditor;
        this.request = request;
        this.response = response;
        this.startNanos = startNanos;
        this.start = Instant.now();
        this.correlationId = correlationId;
        this.trace = trace;
        this.bodyContentAllowed = bodyContentAllowed;
        this.requestHeaders = requestHeaders;
        this.client = auditor.clients().resolve(request);
        this.method = request.getMethod();
        this.protocol = request.getProtocol();
        this.userAgent = request.getHeader("User-Agent");
        this.requestContentType = request.getContentType();
        this.requestContentLength = request.getContentLengthLong();
        this.requestChunked = request.getHeader("Transfer-Encoding") != null;
        String mime = ContentTypes.mimeType(requestContentType);
        this.requestCapture = new BodyCapture(
                bodyContentAllowed && auditor.contentTypes().isTextual(mime) ? auditor.config().bodyMaxBytes() : 0);
    }

    /** The exchange of {@code request}, or {@code null}. */
    static Exchange of(ServletRequest request) {
        return request.getAttribute(ATTRIBUTE) instanceof Exchange exchange ? exchange : null;
    }

    /** Runs an auditing step; a failure is reported (at a bounded rate), never thrown. */
    void safely(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | LinkageError e) {
            auditor.reportFailure(e);
        }
    }

    boolean isCompleted() {
        return completed.get();
    }

    // ---- dispatches -------------------------------------------------------------------

    /** Called when a dispatch of this exchange enters the filter: MDC, wrappers. Never throws. */
    Dispatch enter(HttpServletRequest currentRequest, HttpServletResponse currentResponse, DispatcherType type) {
        String previousMdc = mdcEnter();
        try {
            if (type == DispatcherType.ERROR) {
                errorDispatched = true;
                // The container discarded its uncommitted buffer before rendering the error page.
                if (!currentResponse.isCommitted()) {
                    responseDiscarded();
                }
            }
            ServletResponse wrappedResponse = ours(currentResponse) ? currentResponse
                    : new AuditedResponse(currentResponse, this);
            ServletRequest wrappedRequest = ours(currentRequest) ? currentRequest
                    : new AuditedRequest(currentRequest, wrappedResponse, this);
            return new Dispatch(wrappedRequest, wrappedResponse, type, previousMdc);
        } catch (RuntimeException | LinkageError e) {
            auditor.reportFailure(e);
            return new Dispatch(currentRequest, currentResponse, type, previousMdc);
        }
    }

    /** Called when a dispatch leaves the filter (normally or not). Never throws. */
    void exit(Dispatch dispatch, HttpServletRequest currentRequest) {
        try {
            if (route == null) {
                safely(() -> route = auditor.routes().resolve(currentRequest));
            }
            if (currentRequest.isAsyncStarted()) {
                // The async cycle goes on; onComplete ends the exchange.
                if (!asyncListenerAdded) {
                    asyncStarted(currentRequest.getAsyncContext());
                }
                return;
            }
            if (dispatch.type() == DispatcherType.REQUEST && (sendErrorStatus != null || thrown != null)) {
                // The container now either dispatches an error page (whose body is the
                // response body: the ERROR dispatch's exit ends the exchange) or writes its
                // own page outside all filters. No portable signal tells which, so the event
                // is prepared now, while the request is live, and emitted shortly unless an
                // ERROR dispatch takes the exchange over.
                endUnlessErrorDispatched();
                return;
            }
            complete();
        } catch (RuntimeException | LinkageError e) {
            auditor.reportFailure(e);
        } finally {
            mdcExit(dispatch.previousMdc());
        }
    }

    private boolean ours(ServletRequest current) {
        ServletRequest r = current;
        for (int depth = 0; depth < 64; depth++) {
            if (r instanceof AuditedRequest audited && audited.exchange() == this) {
                return true;
            }
            if (!(r instanceof ServletRequestWrapper wrapper)) {
                return false;
            }
            r = wrapper.getRequest();
        }
        return false;
    }

    private boolean ours(ServletResponse current) {
        ServletResponse r = current;
        for (int depth = 0; depth < 64; depth++) {
            if (r instanceof AuditedResponse audited && audited.exchange() == this) {
                return true;
            }
            if (!(r instanceof ServletResponseWrapper wrapper)) {
                return false;
            }
            r = wrapper.getResponse();
        }
        return false;
    }

    /** Emits the event, once. */
    void complete() {
        if (!completed.compareAndSet(false, true)) {
            return;
        }
        long endNanos = System.nanoTime();
        try {
            auditor.emit(EventAssembler.prepare(this, endNanos).build());
        } catch (RuntimeException | LinkageError e) {
            // The event is lost: count it like any other lost event.
            auditor.failed(e);
        }
    }

    /**
     * Snapshots the event now and has it emitted after a grace period, unless an ERROR
     * dispatch has started by then (containers start it right after the request dispatch
     * returns, on the same thread), in which case that dispatch's exit emits it.
     */
    private void endUnlessErrorDispatched() {
        AuditEvent.Builder prepared;
        try {
            prepared = EventAssembler.prepare(this, System.nanoTime());
        } catch (RuntimeException | LinkageError e) {
            if (completed.compareAndSet(false, true)) {
                auditor.failed(e);
            }
            return;
        }
        auditor.later(() -> {
            if (!errorDispatched && completed.compareAndSet(false, true)) {
                auditor.emit(prepared.build());
            }
        });
    }

    // ---- MDC ----------------------------------------------------------------------------

    /** A container callback that may throw I/O errors. */
    @FunctionalInterface
    interface IoCallback {
        void run() throws java.io.IOException;
    }

    /** Runs a non-blocking I/O callback with the correlation ID in the MDC, restoring it after. */
    void runInMdc(IoCallback callback) throws java.io.IOException {
        String previous = mdcEnter();
        try {
            callback.run();
        } finally {
            mdcExit(previous);
        }
    }

    /** Puts the correlation ID in the MDC; returns the value to restore. */
    String mdcEnter() {
        String key = auditor.config().mdcKey();
        if (key == null) {
            return null;
        }
        try {
            String previous = MDC.get(key);
            MDC.put(key, correlationId);
            return previous;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Restores the MDC value seen by {@link #mdcEnter()}. */
    void mdcExit(String previous) {
        String key = auditor.config().mdcKey();
        if (key == null) {
            return;
        }
        try {
            if (previous == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, previous);
            }
        } catch (RuntimeException e) {
            // nothing to restore into
        }
    }

    void writeCorrelationHeader(HttpServletResponse target) {
        String header = auditor.config().correlationResponseHeader();
        if (header != null && !target.isCommitted()) {
            safely(() -> target.setHeader(header, correlationId));
        }
    }

    // ---- request body -----------------------------------------------------------------

    synchronized ServletInputStream inputStream(ServletInputStream containerStream) {
        if (reader != null) {
            throw new IllegalStateException("getReader() has already been called for this request");
        }
        streamOpened = true;
        if (teeInput == null || teeInput.delegate() != containerStream) {
            teeInput = new TeeInputStream(containerStream, this);
        }
        return teeInput;
    }

    synchronized BufferedReader reader(AuditedRequest audited) throws IOException {
        if (reader != null) {
            return reader;
        }
        if (streamOpened) {
            throw new IllegalStateException("getInputStream() has already been called for this request");
        }
        String encoding = audited.getCharacterEncoding();
        Charset charset;
        if (encoding == null) {
            // The Servlet specification's default for request bodies.
            charset = StandardCharsets.ISO_8859_1;
        } else {
            try {
                charset = Charset.forName(encoding);
            } catch (IllegalArgumentException e) {
                throw new UnsupportedEncodingException(encoding);
            }
        }
        // The reader decodes the tee, so what it reads is captured as raw bytes.
        reader = new BufferedReader(new InputStreamReader(new TeeInputStream(audited.containerInputStream(), this), charset));
        return reader;
    }

    void requestBodyRead() {
        requestBodyRead = true;
    }

    void captureRequest(int b) {
        requestCapture.write(b);
    }

    void captureRequest(byte[] b, int off, int len) {
        requestCapture.write(b, off, len);
    }

    void parametersAccessed() {
        parametersAccessed = true;
    }

    void partsAccessed() {
        partsAccessed = true;
    }

    BodyCapture requestCapture() {
        return requestCapture;
    }

    boolean requestBodyWasRead() {
        return requestBodyRead;
    }

    boolean parametersWereAccessed() {
        return parametersAccessed;
    }

    boolean partsWereAccessed() {
        return partsAccessed;
    }

    // ---- response body ----------------------------------------------------------------

    synchronized ServletOutputStream outputStream(ServletOutputStream containerStream) {
        if (teeOutput == null || teeOutput.delegate() != containerStream) {
            teeOutput = new TeeOutputStream(containerStream, this);
        }
        return teeOutput;
    }

    synchronized PrintWriter writer(PrintWriter containerWriter, String characterEncoding) {
        if (teeWriter == null || teeWriter.delegate() != containerWriter) {
            Charset charset = ContentTypes.forName(characterEncoding, StandardCharsets.ISO_8859_1);
            responseWriterCharset = charset;
            teeWriter = new TeeWriter(containerWriter, new CharCapture(this::responseCapture, charset), this);
        }
        return teeWriter;
    }

    void captureResponse(int b) {
        try {
            responseCapture().write(b);
        } catch (RuntimeException e) {
            auditor.reportFailure(e);
        }
    }

    void captureResponse(byte[] b, int off, int len) {
        try {
            responseCapture().write(b, off, len);
        } catch (RuntimeException e) {
            auditor.reportFailure(e);
        }
    }

    /**
     * The response copy, made at the first write, when the content type is usually known:
     * a body that is not textual is only counted, never copied.
     */
    BodyCapture responseCapture() {
        BodyCapture capture = responseCapture;
        if (capture == null) {
            int limit = 0;
            if (bodyContentAllowed) {
                String mime = ContentTypes.mimeType(response.getContentType());
                limit = mime == null || auditor.contentTypes().isTextual(mime) ? auditor.config().bodyMaxBytes() : 0;
            }
            capture = new BodyCapture(limit);
            responseCapture = capture;
        }
        return capture;
    }

    /** The response copy if anything was written, else {@code null}. */
    BodyCapture responseCaptureIfAny() {
        return responseCapture;
    }

    Charset responseWriterCharset() {
        return responseWriterCharset;
    }

    /** The buffered response was discarded: so is the copy. */
    void responseDiscarded() {
        safely(() -> {
            responseCapture = null;
            synchronized (this) {
                if (teeWriter != null) {
                    teeWriter.capture().reset();
                }
            }
        });
    }

    void sendError(int status) {
        sendErrorStatus = status;
        responseDiscarded();
    }

    // ---- outcome ------------------------------------------------------------------------

    /** The application (or a later filter) threw out of a dispatch. */
    void recordThrown(Throwable error, HttpServletResponse currentResponse) {
        safely(() -> {
            if (thrown == null) {
                thrown = error;
                thrownBeforeCommit = !currentResponse.isCommitted();
            }
        });
    }

    /** The client went away: an I/O error on a body stream, or an async/non-blocking onError. */
    void clientAborted(Throwable error) {
        safely(() -> {
            if (abort == null) {
                abort = error;
                abortBeforeCommit = !response.isCommitted();
            }
        });
    }

    Throwable thrown() {
        return thrown;
    }

    boolean thrownBeforeCommit() {
        return thrownBeforeCommit;
    }

    Throwable abort() {
        return abort;
    }

    boolean abortBeforeCommit() {
        return abortBeforeCommit;
    }

    boolean asyncTimedOut() {
        return asyncTimedOut;
    }

    Integer sendErrorStatus() {
        return sendErrorStatus;
    }

    boolean errorDispatched() {
        return errorDispatched;
    }

    String route() {
        return route;
    }

    // ---- async --------------------------------------------------------------------------

    /** The application started async processing: the exchange ends in onComplete. */
    void asyncStarted(AsyncContext context) {
        safely(() -> {
            synchronized (this) {
                if (asyncListenerAdded) {
                    return;
                }
                asyncListenerAdded = true;
            }
            context.addListener(this);
        });
    }

    @Override
    public void onComplete(AsyncEvent event) {
        complete();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        asyncTimedOut = true;
    }

    @Override
    public void onError(AsyncEvent event) {
        Throwable error = event.getThrowable();
        if (error == null) {
            return;
        }
        if (isIoError(error)) {
            clientAborted(error);
        } else if (thrown == null) {
            thrown = error;
            thrownBeforeCommit = !response.isCommitted();
        }
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // A new async cycle clears the listeners: stay registered for the real end.
        safely(() -> event.getAsyncContext().addListener(this));
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
