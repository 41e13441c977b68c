package dev.httpaudit.servlet;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.ErrorInfo;
import dev.httpaudit.core.NetworkDirection;
import dev.httpaudit.core.Outcome;
import dev.httpaudit.core.internal.BodyText;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * Turns the state of a finished exchange into its {@link AuditEvent}: everything is read
 * from the live request and response here, so the builder returned is a snapshot that stays
 * valid after the container recycles them. The event is numbered only when built.
 */
final class EventAssembler {

    private EventAssembler() {
    }

    static AuditEvent.Builder prepare(Exchange exchange, long endNanos) {
        ExchangeStart start = exchange.start();
        ExchangeOutcome outcome = exchange.outcome();
        Auditor auditor = exchange.auditor();
        HttpServletResponse response = exchange.response();
        long duration = Math.max(0, endNanos - start.startNanos());
        int status = status(exchange, response);
        boolean aborted = outcome.abort() != null;
        ErrorInfo error = error(exchange);
        String responseContentType = response.getContentType();
        Map<String, List<String>> responseHeaders = responseHeaders(response, responseContentType);
        boolean contentAllowed = start.bodyContentAllowed()
                && (auditor.config().bodyCapture() != BodyCaptureMode.ERRORS || status >= 400);

        AuditRequest request = new AuditRequest(start.correlationId(), start.method(),
                ContentTypes.mimeType(start.contentType()), start.headers(), requestBody(exchange, contentAllowed));
        AuditResponse auditResponse = new AuditResponse(status, ContentTypes.mimeType(responseContentType),
                responseHeaders, responseBody(exchange, responseContentType, responseHeaders, contentAllowed));

        return AuditEvent.builder()
                .timing(start.start(), start.start().plusNanos(duration), duration)
                .outcome(Outcome.of(status, error != null, aborted))
                .httpVersion(httpVersion(start.protocol()))
                .request(request)
                .response(auditResponse)
                .route(exchange.lifecycle().route())
                .url(start.client().url())
                .user(auditor.user(exchange.request()))
                .client(start.client().client())
                .userAgent(start.userAgent())
                .trace(start.trace())
                .serviceName(auditor.config().serviceName())
                .error(error)
                .direction(NetworkDirection.INGRESS);
    }

    /**
     * The status sent. Where no error page was dispatched, the container may not have set
     * its own status yet: an exception thrown before the response was committed means 500,
     * and a {@code sendError} means its status. A client that went away before anything was
     * committed was sent nothing: 0.
     */
    private static int status(Exchange exchange, HttpServletResponse response) {
        ExchangeOutcome outcome = exchange.outcome();
        int status = response.getStatus();
        if (outcome.abort() != null && outcome.abortBeforeCommit() && !response.isCommitted()) {
            return 0;
        }
        if (!exchange.lifecycle().errorDispatched()) {
            Integer sendError = outcome.sendErrorStatus();
            if (sendError != null && status < 400) {
                status = sendError;
            }
            if (outcome.thrown() != null && outcome.thrownBeforeCommit() && status < 500) {
                status = 500;
            }
            if (outcome.isAsyncTimedOut() && status < 400) {
                status = 500;
            }
        }
        return status;
    }

    private static @Nullable ErrorInfo error(Exchange exchange) {
        ExchangeOutcome outcome = exchange.outcome();
        Throwable thrown = outcome.thrown();
        if (thrown != null) {
            return ErrorInfo.of(thrown);
        }
        Throwable abort = outcome.abort();
        if (abort != null) {
            return ErrorInfo.of(abort);
        }
        if (outcome.isAsyncTimedOut()) {
            return new ErrorInfo(TimeoutException.class.getName(), "asynchronous processing timed out");
        }
        if (exchange.request().getAttribute(jakarta.servlet.RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable t) {
            // Raised where the filter could not see it (for example on a container thread).
            return ErrorInfo.of(t);
        }
        return null;
    }

    private static @Nullable String httpVersion(@Nullable String protocol) {
        if (protocol == null) {
            return null;
        }
        String upper = protocol.toUpperCase(Locale.ROOT);
        return upper.startsWith("HTTP/") ? protocol.substring(5) : null;
    }

    private static Map<String, List<String>> responseHeaders(HttpServletResponse response, @Nullable String contentType) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : response.getHeaderNames()) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (!headers.containsKey(lower)) {
                // immutable and exact: the event's copy of the map takes such a list as it is
                headers.put(lower, List.copyOf(response.getHeaders(name)));
            }
        }
        // Some containers (Tomcat) keep the content type out of the header collection.
        if (contentType != null && !headers.containsKey("content-type")) {
            headers.put("content-type", List.of(contentType));
        }
        return headers;
    }

    // ---- request body -------------------------------------------------------------------

    private static @Nullable Body requestBody(Exchange exchange, boolean contentAllowed) {
        ExchangeStart start = exchange.start();
        RequestBodyTap tap = exchange.requestBody();
        String mime = ContentTypes.mimeType(start.contentType());
        Long declared = start.contentLength() >= 0 ? start.contentLength() : null;
        boolean declaresBody = (declared != null && declared > 0) || start.chunked();
        BodyCapture capture = tap.captured();
        if (tap.wasRead()) {
            long total = capture.totalBytes();
            if (total == 0 && !declaresBody) {
                return null;
            }
            if (ContentTypes.isMultipart(mime) || !exchange.auditor().contentTypes().isTextual(mime) || !contentAllowed) {
                return Body.sizeOnly(total);
            }
            return text(capture, start.contentType(), header(start.headers(), "content-encoding"), exchange.auditor());
        }
        if (ContentTypes.FORM.equals(mime) && tap.parametersWereAccessed()) {
            return reconstructedForm(exchange, declared, contentAllowed);
        }
        if (ContentTypes.isMultipart(mime) && (tap.partsWereAccessed() || tap.parametersWereAccessed())) {
            // Parsed by the container from its own buffers: size and MIME type only.
            return new Body(declared, null, false, false, true);
        }
        return declaresBody ? Body.notRead(declared) : null;
    }

    /**
     * The form as the container parsed it: the parameter map minus the query string's
     * parameters (the specification puts query values first, so the first n values of a
     * name that appears n times in the query are dropped), encoded back as a form body.
     */
    private static @Nullable Body reconstructedForm(Exchange exchange, @Nullable Long declared, boolean contentAllowed) {
        HttpServletRequest request = exchange.request();
        // Encoded back with the charset the container decoded with where it was declared; else
        // UTF-8, so the content decodes to exactly the values the application was given.
        Charset charset = ContentTypes.forName(request.getCharacterEncoding(), StandardCharsets.UTF_8);
        Map<String, Integer> queryCounts = queryParameterCounts(exchange.start().client().url().query());
        StringBuilder form = new StringBuilder();
        for (Map.Entry<String, String[]> entry : request.getParameterMap().entrySet()) {
            String[] values = entry.getValue();
            int skip = queryCounts.getOrDefault(entry.getKey(), 0);
            for (int i = skip; i < values.length; i++) {
                if (form.length() > 0) {
                    form.append('&');
                }
                form.append(URLEncoder.encode(entry.getKey(), charset)).append('=')
                        .append(URLEncoder.encode(values[i] == null ? "" : values[i], charset));
            }
        }
        long bytes = declared != null ? declared : form.length();
        if (form.length() == 0 && bytes == 0) {
            return null;
        }
        if (!contentAllowed) {
            return new Body(bytes, null, false, true, true);
        }
        int limit = exchange.auditor().config().bodyMaxBytes();
        // URL-encoded text is ASCII: one char, one byte.
        boolean cut = form.length() > limit;
        String content = cut ? form.substring(0, limit) : form.toString();
        return Body.reconstructedForm(content, bytes, cut);
    }

    private static Map<String, Integer> queryParameterCounts(@Nullable String query) {
        Map<String, Integer> counts = new HashMap<>();
        if (query == null || query.isEmpty()) {
            return counts;
        }
        for (String pair : query.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = eq >= 0 ? pair.substring(0, eq) : pair;
            try {
                name = URLDecoder.decode(name, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // a malformed escape: the container kept or dropped it; count it as written
            }
            counts.merge(name, 1, Integer::sum);
        }
        return counts;
    }

    // ---- response body ------------------------------------------------------------------

    private static @Nullable Body responseBody(Exchange exchange, @Nullable String contentType,
                                               Map<String, List<String>> headers, boolean contentAllowed) {
        BodyCapture capture = exchange.responseBody().captureIfAny();
        if (capture == null || capture.totalBytes() == 0 || "HEAD".equalsIgnoreCase(exchange.start().method())) {
            // Nothing was written, or nothing goes on the wire (HEAD).
            return null;
        }
        String mime = ContentTypes.mimeType(contentType);
        if (!contentAllowed || !exchange.auditor().contentTypes().isTextual(mime) || capture.keptBytes() == 0) {
            return Body.sizeOnly(capture.totalBytes());
        }
        Charset writerCharset = exchange.responseBody().writerCharset();
        String effectiveType = contentType;
        if (writerCharset != null && ContentTypes.charset(contentType, null) == null) {
            effectiveType = contentType + ";charset=" + writerCharset.name();
        }
        return text(capture, effectiveType, header(headers, "content-encoding"), exchange.auditor());
    }

    // ---- shared ---------------------------------------------------------------------------

    /**
     * Captured bytes as text; a compressed body is decoded within the capture limit, or,
     * when that is not possible, recorded as binary with its size (never as mojibake). The
     * charset is chosen by {@link BodyText#decodeBody} (a byte order mark, and for JSON the
     * NUL pattern, win over the declared charset); text whose redaction could not be
     * trusted ({@link BodyText#isTrustworthy}) is recorded as the redaction replacement,
     * marked {@code undecodable}. Judged here, before the pipeline: its enrichers run before
     * redaction, and one that copied such text elsewhere would put it beyond the redactor's
     * reach (a name spelled with a NUL between its letters matches no rule).
     */
    private static Body text(BodyCapture capture, @Nullable String contentType, @Nullable String contentEncoding,
                             Auditor auditor) {
        int limit = auditor.config().bodyMaxBytes();
        Charset declared = ContentTypes.charset(contentType, null);
        boolean json = BodyText.isJsonMimeType(ContentTypes.mimeType(contentType));
        byte[] bytes = capture.buffer();
        int length = capture.keptBytes();
        boolean truncated = capture.truncated();
        if (!Decompression.isIdentity(contentEncoding)) {
            Decompression.Decoded decoded = Decompression.decode(contentEncoding, bytes, length, truncated, limit);
            if (decoded == null) {
                return Body.sizeOnly(capture.totalBytes());
            }
            bytes = decoded.bytes();
            length = bytes.length;
            truncated = decoded.truncated();
        }
        String text = BodyText.decodeBody(bytes, length, declared, json, truncated);
        if (!BodyText.isTrustworthy(text)) {
            return Body.undecodable(capture.totalBytes(), auditor.replacement(), truncated);
        }
        return Body.captured(capture.totalBytes(), text, truncated);
    }

    private static @Nullable String header(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : String.join(",", values);
    }
}
