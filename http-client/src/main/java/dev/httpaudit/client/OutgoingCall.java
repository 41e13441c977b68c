package dev.httpaudit.client;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.ErrorInfo;
import dev.httpaudit.core.ExchangeContext;
import dev.httpaudit.core.NetworkDirection;
import dev.httpaudit.core.Outcome;
import dev.httpaudit.core.TraceInfo;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.internal.BodyText;
import dev.httpaudit.core.internal.BoundedCapture;
import java.net.URI;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * One outgoing call being recorded: started on the calling thread (where the MDC links it to
 * the request being served), its bodies teed into bounded captures as they stream, and
 * emitted exactly once, when the response body ends, is closed or fails, or when the call
 * fails without a response. Nothing here throws into the application: a failure to build
 * the event is counted as lost by the pipeline.
 *
 * <p>The captures are written by one thread at a time (the client's body callbacks are
 * sequential); the emit flag makes the first end win when a failure races a completion.
 */
final class OutgoingCall {

    private final OutgoingCallAuditor auditor;
    private final String method;
    private final URI uri;
    private final Instant start;
    private final long startNanos;
    private final Linking linking;
    private final BoundedCapture requestBody;
    private final BoundedCapture responseBody;
    private final AtomicBoolean emitted = new AtomicBoolean();
    private volatile Map<String, List<String>> requestHeaders = Map.of();
    private volatile int status;
    private volatile @Nullable String httpVersion;
    private volatile Map<String, List<String>> responseHeaders = Map.of();
    private volatile boolean requestBodySent;

    private OutgoingCall(OutgoingCallAuditor auditor, String method, URI uri, Linking linking) {
        this.auditor = auditor;
        this.method = method;
        this.uri = uri;
        this.start = Instant.now();
        this.startNanos = System.nanoTime();
        this.linking = linking;
        this.requestBody = new BoundedCapture(auditor.bodyMaxBytes());
        this.responseBody = new BoundedCapture(auditor.bodyMaxBytes());
    }

    /** A call being recorded, or {@code null} when {@code uri} is not audited (or cannot be). */
    static @Nullable OutgoingCall start(OutgoingCallAuditor auditor, String method, URI uri) {
        try {
            return auditor.audits(uri) ? new OutgoingCall(auditor, method, uri, Linking.current(auditor)) : null;
        } catch (RuntimeException e) {
            auditor.pipeline().reportFailure(e);
            return null;
        }
    }

    /**
     * The same call made again (a reactive call subscribed once more, as on a retry): a new
     * event, with the same linking, read where the first was started.
     */
    OutgoingCall again() {
        return new OutgoingCall(auditor, method, uri, linking);
    }

    /** The correlation ID the call carries and its event records. */
    String correlationId() {
        return linking.correlationId();
    }

    /** The W3C {@code traceparent} to send, or {@code null} when none is current (or propagation is off). */
    @Nullable String traceparent() {
        return auditor.propagateTraceparent() ? linking.traceparent() : null;
    }

    /** The header the correlation ID goes downstream in, or {@code null} for none. */
    @Nullable String correlationHeader() {
        return auditor.correlationHeader();
    }

    /** The request headers as sent (any name case). */
    void requestHeaders(Map<String, List<String>> headers) {
        this.requestHeaders = LowerCaseHeaders.of(headers);
    }

    /** The tee of the request body. */
    BoundedCapture requestBody() {
        requestBodySent = true;
        return requestBody;
    }

    /** The response's status line and headers arrived. */
    void responded(int statusCode, @Nullable String version, Map<String, List<String>> headers) {
        this.status = statusCode;
        this.httpVersion = version;
        this.responseHeaders = LowerCaseHeaders.of(headers);
    }

    /** The tee of the response body. */
    BoundedCapture responseBody() {
        return responseBody;
    }

    /** The response body ended (or there is none): emits the event, once. */
    void complete() {
        emit(null);
    }

    /** The call failed (no response, or its body broke off): emits the event with the failure, once. */
    void fail(Throwable failure) {
        emit(failure);
    }

    private void emit(@Nullable Throwable failure) {
        if (!emitted.compareAndSet(false, true)) {
            return;
        }
        long end = System.nanoTime();
        try {
            AuditEvent event = event(failure, Math.max(0, end - startNanos));
            auditor.pipeline().emit(event, linking.context(), null);
        } catch (RuntimeException | StackOverflowError e) {
            auditor.pipeline().recordLost(e);
        }
    }

    private AuditEvent event(@Nullable Throwable failure, long duration) {
        Map<String, List<String>> sent = requestHeaders;
        Map<String, List<String>> received = responseHeaders;
        String requestType = first(sent, "content-type");
        String responseType = first(received, "content-type");
        int statusCode = status;
        ErrorInfo error = failure == null ? null : ErrorInfo.of(failure);
        AuditEvent.Builder builder = AuditEvent.builder()
                .timing(start, start.plusNanos(duration), duration)
                .outcome(Outcome.of(statusCode, error != null, false))
                .request(new AuditRequest(linking.correlationId(), method, mimeType(requestType), sent,
                        requestBodySent ? body(requestBody, requestType, first(sent, "content-encoding")) : null))
                .response(new AuditResponse(statusCode, mimeType(responseType), received,
                        "HEAD".equalsIgnoreCase(method) || statusCode == 0 ? null : responseBody(received, responseType)))
                .url(url(uri))
                .direction(NetworkDirection.EGRESS);
        if (httpVersion != null) {
            builder.httpVersion(httpVersion);
        }
        String userAgent = first(sent, "user-agent");
        if (userAgent != null) {
            builder.userAgent(userAgent);
        }
        TraceInfo trace = linking.trace();
        if (trace != null) {
            builder.trace(trace);
        }
        if (auditor.serviceName() != null) {
            builder.serviceName(auditor.serviceName());
        }
        if (error != null) {
            builder.error(error);
        }
        return builder.build();
    }

    /**
     * The response body; one the application never read (its stream closed unread) is
     * {@link Body#notRead}, with its {@code Content-Length} when it declared one.
     */
    private @Nullable Body responseBody(Map<String, List<String>> received, @Nullable String responseType) {
        if (responseBody.totalBytes() == 0) {
            Long declared = contentLength(first(received, "content-length"));
            return declared != null && declared > 0 ? Body.notRead(declared) : null;
        }
        return body(responseBody, responseType, first(received, "content-encoding"));
    }

    private static @Nullable Long contentLength(@Nullable String value) {
        try {
            return value == null ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static UrlInfo url(URI uri) {
        String scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        if (port < 0) {
            port = "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
        }
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String host = uri.getHost();
        if (host != null && host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new UrlInfo(path, uri.getRawQuery(), scheme, host == null ? "" : host, port < 0 ? null : port);
    }

    /**
     * A captured body: absent when nothing was sent; its text when the media type is
     * textual and it is not compressed (a compressed body is recorded by size, never as
     * mojibake); the redaction replacement, marked {@code undecodable}, when its text could
     * not be trusted.
     */
    private @Nullable Body body(BoundedCapture capture, @Nullable String contentType, @Nullable String encoding) {
        long total = capture.totalBytes();
        if (total == 0) {
            return null;
        }
        String mime = mimeType(contentType);
        boolean identity = encoding == null || encoding.isBlank() || "identity".equalsIgnoreCase(encoding.trim());
        if (!identity || !TextualTypes.isTextual(mime) || capture.keptBytes() == 0) {
            return Body.sizeOnly(total);
        }
        String text = BodyText.decodeBody(capture.buffer(), capture.keptBytes(), charset(contentType),
                BodyText.isJsonMimeType(mime), capture.truncated());
        if (!BodyText.isTrustworthy(text)) {
            // judged before the pipeline's enrichers see the body, as the servlet filter does
            return Body.undecodable(total, auditor.pipeline().redactor().policy().replacement(), capture.truncated());
        }
        return Body.captured(total, text, capture.truncated());
    }

    private static @Nullable String first(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    static @Nullable String mimeType(@Nullable String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return type.isEmpty() ? null : type.toLowerCase(Locale.ROOT);
    }

    private static @Nullable Charset charset(@Nullable String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String parameter : contentType.split(";")) {
            String p = parameter.trim();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = p.substring(8).trim().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (RuntimeException e) {
                    return null; // unknown or illegal: the default applies
                }
            }
        }
        return null;
    }
}
