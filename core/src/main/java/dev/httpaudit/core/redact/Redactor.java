package dev.httpaudit.core.redact;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.ErrorInfo;
import dev.httpaudit.core.TraceInfo;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.UserInfo;
import dev.httpaudit.core.internal.BodyText;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * Masks sensitive values of an event before any sink sees it, as a {@link RedactionPolicy}
 * says. Thread-safe and stateless between events; {@link #redact(AuditEvent)} never throws.
 *
 * <p>One event is redacted in three steps:
 * <ol>
 *   <li>Built-in rules, each recording the original values it masks:
 *     <ul>
 *       <li>headers by name (their values whole); in other header values, query strings
 *           and fragments of URLs ({@code Referer}, {@code Location}, any value with
 *           {@code ?...=}) by parameter name, and obvious {@code name=value} patterns;</li>
 *       <li>{@code url.query} and form bodies ({@code application/x-www-form-urlencoded},
 *           or reconstructed from parameters) by parameter name, every other byte kept;</li>
 *       <li>JSON bodies ({@code application/json}, {@code +json}, or text that starts like
 *           JSON) by body field name, in one streaming parse whose masked values are
 *           spliced into the original text; a body that does not parse
 *           (malformed, cut at the capture limit, nested too deep) is masked by a tolerant
 *           scan instead, which may mask more but never less;</li>
 *       <li>other bodies and {@code error.message}: obvious {@code name=value},
 *           {@code name: value}, {@code "name": value} and {@code <name>value</name>}
 *           patterns with a sensitive name;</li>
 *       <li>{@code labels} (what enrichers add): by name, and the same patterns in values;</li>
 *       <li>fields derived from headers or set by the application are redacted as the header
 *           they came from: {@code user_agent.original} exactly as the {@code User-Agent}
 *           header (masked whole when that name is configured as sensitive), and
 *           {@code http.request.id}, {@code url.domain}, {@code url.path}, {@code http.route},
 *           {@code trace.id}, {@code span.id}, {@code user.name}, {@code user.roles} and
 *           {@code error.type} as a header value that is not sensitive by name.</li>
 *     </ul></li>
 *   <li>Custom {@link RedactionRule}s, in order; the values they report are recorded too. A
 *       rule that throws or returns {@code null} fails the whole redaction with an
 *       {@link IllegalStateException}: what it would have masked is unknown and could be in
 *       any field, so the event must not be written (the pipeline counts it as failed).</li>
 *   <li>Every string field of the event (header names and values, correlation ID, method,
 *       MIME types, path, query, domain, bodies of every kind, route, user, user agent,
 *       trace IDs, error type and message, label keys and values) is scrubbed of every
 *       recorded value, found as it is or in the text's decoded view (JSON escapes,
 *       percent-escapes, {@code +} as a space) and replaced as the whole original span it
 *       was decoded from (see {@link ValueScrubber}); JSON bodies are scrubbed string by
 *       string (values and keys; a number holding one becomes the replacement as a string),
 *       so they stay valid JSON. The summary
 *       message is built from the redacted event when it is written.</li>
 * </ol>
 * Should the built-in steps fail unexpectedly, the event's free-form content (bodies, query,
 * path, user agent, error message), label values and sensitive headers are masked whole
 * rather than let through.
 *
 * <p>{@link #wouldChange(String, Map, String)} tells a caller (the servlet filter, about a
 * correlation ID the client sent) whether redaction would change a value before the event
 * exists, so that it is not put into the MDC or a response header.
 */
public final class Redactor {

    /** The header {@code user_agent.original} is copied from. */
    private static final String USER_AGENT = "user-agent";

    /** Parts of a masked header value (a cookie's value, a credential after its scheme) scrubbed elsewhere from this length on. */
    private static final int MIN_DERIVED_LENGTH = 8;

    private final RedactionPolicy policy;
    private final String replacement;
    private final SensitiveNames headerNames;
    private final SensitiveNames parameterNames;
    private final SensitiveNames textNames;
    private final JsonBodies jsonBodies;

    private Redactor(RedactionPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.replacement = policy.replacement();
        this.headerNames = SensitiveNames.of(policy.headers(), policy.useDefaults(), SensitiveNames.DEFAULT_HEADERS);
        this.parameterNames = SensitiveNames.of(policy.parameters(), policy.useDefaults(), List.of());
        SensitiveNames bodyFieldNames = SensitiveNames.of(policy.bodyFields(), policy.useDefaults(), List.of());
        // Where structure is unknown (broken JSON, free text), any configured name counts.
        Set<String> allNames = new LinkedHashSet<>(policy.headers());
        allNames.addAll(policy.parameters());
        allNames.addAll(policy.bodyFields());
        this.textNames = SensitiveNames.of(allNames, policy.useDefaults(), SensitiveNames.DEFAULT_HEADERS);
        this.jsonBodies = new JsonBodies(bodyFieldNames, parameterNames, textNames, replacement);
    }

    /** A redactor applying {@code policy}. */
    public static Redactor of(RedactionPolicy policy) {
        return new Redactor(policy);
    }

    /** A redactor applying {@link RedactionPolicy#defaults()}. */
    public static Redactor defaults() {
        return of(RedactionPolicy.defaults());
    }

    /** The policy applied. */
    public RedactionPolicy policy() {
        return policy;
    }

    /**
     * True when redaction would change {@code value} if it stood in the header
     * {@code headerName}: the name is sensitive, or the value holds a sensitive
     * {@code name=value} pattern or URL parameter.
     */
    public boolean wouldChange(@Nullable String headerName, @Nullable String value) {
        if (headerName == null) {
            return wouldChange(value, Map.of(), null);
        }
        return wouldChange(value, Map.of(headerName, value == null ? List.of() : List.of(value)), null);
    }

    /**
     * True when redacting a request with these headers and this query string would change
     * {@code value} wherever the event carried it: a header whose value it is (trimmed) is
     * sensitive by name or changed by redaction, the value itself holds a sensitive
     * {@code name=value} pattern or URL parameter, or it contains (as it is or decoded) a
     * value that redaction masks in these headers or this query. The servlet filter asks
     * this about a correlation ID sent by the client before using it; such an ID is
     * replaced by a generated one. Values masked only by a body (unknown at that point) or by
     * a custom {@link RedactionRule} are not seen here; they are still scrubbed from the
     * event's {@code http.request.id} when it is written. Never throws: when in doubt, true.
     *
     * @param value          the value, such as a correlation ID; {@code null} or empty gives false
     * @param requestHeaders the request's headers (any case), or {@code null}
     * @param query          the request's query string without {@code ?}, or {@code null}
     */
    public boolean wouldChange(@Nullable String value, @Nullable Map<String, List<String>> requestHeaders,
                               @Nullable String query) {
        if (value == null || value.isEmpty()) {
            return false;
        }
        try {
            MaskedValues masked = new MaskedValues();
            Map<String, List<String>> headers = requestHeaders == null ? Map.of() : requestHeaders;
            for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
                if (entry.getKey() == null || entry.getValue() == null) {
                    continue;
                }
                String name = entry.getKey().toLowerCase(java.util.Locale.ROOT);
                for (String headerValue : entry.getValue()) {
                    if (headerValue == null) {
                        return true; // a malformed map: do not trust the candidate
                    }
                    String redacted = headerValue(name, headerValue, masked);
                    if (redacted != headerValue && (headerValue.equals(value) || headerValue.trim().equals(value))) {
                        return true;
                    }
                }
            }
            QueryStrings.redact(query, parameterNames, replacement, masked);
            if (text(value, masked) != value) {
                return true;
            }
            return occursIn(masked, value);
        } catch (RuntimeException | StackOverflowError e) {
            return true;
        }
    }

    /**
     * The event with every sensitive value masked. Should a built-in step fail, the event
     * comes back with its bodies, query, path, user agent, error message, label values and
     * sensitive headers masked whole. {@code null} gives {@code null}.
     *
     * @throws IllegalStateException when a custom {@link RedactionRule} throws or returns
     *         {@code null}; its message names the rule's class only
     */
    public @Nullable AuditEvent redact(@Nullable AuditEvent event) {
        if (event == null) {
            return null;
        }
        MaskedValues masked = new MaskedValues();
        AuditEvent result;
        try {
            result = builtIn(event, masked);
        } catch (RuntimeException | StackOverflowError e) {
            return lockedDown(event);
        }
        for (RedactionRule rule : policy.rules()) {
            AuditEvent next;
            try {
                next = rule.apply(result, masked);
            } catch (RuntimeException | StackOverflowError e) {
                next = null;
            }
            if (next == null) {
                // The rule's own exception message could quote the value it failed to mask.
                throw new IllegalStateException("redaction rule " + rule.getClass().getName() + " failed");
            }
            result = next;
        }
        try {
            return scrubEverything(result, masked);
        } catch (RuntimeException | StackOverflowError e) {
            return lockedDown(result);
        }
    }

    // ---- step 1: built-in rules ----

    private AuditEvent builtIn(AuditEvent event, MaskedValues masked) {
        AuditEvent result = event;
        AuditRequest request = event.request();
        Map<String, List<String>> requestHeaders = headers(request.headers(), masked, null);
        Body requestBody = body(request.mimeType(), request.body(), masked);
        // the correlation ID may come from a header: redacted as any header value is
        String requestId = text(request.id(), masked);
        if (requestHeaders != request.headers() || requestBody != request.body() || requestId != request.id()) {
            result = result.withRequest(new AuditRequest(requestId, request.method(), request.mimeType(),
                    requestHeaders, requestBody));
        }
        AuditResponse response = event.response();
        // The correlation ID echoed in a response header (X-Request-ID) is as secret as the ID
        // itself: masked (and scrubbed everywhere) when the request side masked it, and left
        // alone when not, even in a header configured as sensitive, so a generated ID still
        // correlates the event with the response. Any other value of such a header is masked.
        String echoedId = requestId != null && requestId == request.id() && !requestId.isEmpty()
                && !occursIn(masked, requestId) ? requestId : null;
        Map<String, List<String>> responseHeaders = headers(response.headers(), masked, echoedId);
        Body responseBody = body(response.mimeType(), response.body(), masked);
        if (responseHeaders != response.headers() || responseBody != response.body()) {
            result = result.withResponse(new AuditResponse(response.statusCode(), response.mimeType(),
                    responseHeaders, responseBody));
        }
        UrlInfo url = event.url();
        String query = QueryStrings.redact(url.query(), parameterNames, replacement, masked);
        // the path (and the summary message built from it) can carry ;name=value and name=value too
        String path = TextPatterns.redact(url.path(), textNames, replacement, masked, false);
        String domain = text(url.domain(), masked);
        if (query != url.query() || path != url.path() || domain != url.domain()) {
            result = result.withUrl(new UrlInfo(path, query, url.scheme(), domain, url.port()));
        }
        // user_agent.original is the User-Agent header: redacted exactly as that header is
        String userAgent = headerValue(USER_AGENT, event.userAgent(), masked);
        if (userAgent != event.userAgent()) {
            result = result.withUserAgent(userAgent);
        }
        String route = text(event.route(), masked);
        if (route != event.route()) {
            result = result.withRoute(route);
        }
        UnaryOperator<String> asText = value -> text(value, masked);
        TraceInfo trace = Parts.rebuilt(event.trace(), TraceInfo::traceId, TraceInfo::spanId, asText, asText,
                TraceInfo::new);
        if (trace != event.trace()) {
            result = result.withTrace(trace);
        }
        UserInfo user = Parts.rebuilt(event.user(), UserInfo::name, UserInfo::roles, asText,
                roles -> Parts.each(roles, asText), UserInfo::new);
        if (user != event.user()) {
            result = result.withUser(user);
        }
        ErrorInfo error = Parts.rebuilt(event.error(), ErrorInfo::type, ErrorInfo::message, asText,
                message -> TextPatterns.redact(message, textNames, replacement, masked, false), ErrorInfo::new);
        if (error != event.error()) {
            result = result.withError(error);
        }
        Map<String, String> labels = labels(event.labels(), masked);
        if (labels != event.labels()) {
            result = result.withLabels(labels);
        }
        return result;
    }

    /** True when a value masked so far occurs in {@code text}, as it is or decoded. */
    private boolean occursIn(MaskedValues masked, String text) {
        ValueScrubber scrubber = ValueScrubber.of(masked.values(), replacement, text.length());
        try {
            return scrubber.occursIn(text);
        } finally {
            scrubber.release();
        }
    }

    /**
     * A string field that may have come from a header (correlation ID, host, trace IDs) or
     * from the application (route, user): redacted as a header value that is not sensitive
     * by name is, that is URLs' queries by parameter name and {@code name=value} patterns.
     * Null stays null; the same instance when unchanged.
     */
    private @Nullable String text(@Nullable String value, MaskedValues masked) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        String redacted = QueryStrings.redactEmbedded(value, parameterNames, replacement, masked);
        return TextPatterns.redact(redacted, textNames, replacement, masked, false);
    }

    /**
     * One value of the header {@code name}: masked whole (and recorded, with its parts) when
     * the name is sensitive, else redacted as {@link #text}. The same instance when unchanged.
     */
    private @Nullable String headerValue(String name, @Nullable String value, MaskedValues masked) {
        if (value == null) {
            return null;
        }
        if (headerNames.matches(name)) {
            recordHeaderValue(value, masked);
            return replacement;
        }
        return text(value, masked);
    }

    /** Labels (added by enrichers) masked by name, and the others' values scanned for patterns. */
    private Map<String, String> labels(Map<String, String> labels, MaskedValues masked) {
        if (labels.isEmpty()) {
            return labels;
        }
        Map<String, String> out = new LinkedHashMap<>();
        boolean changed = false;
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String value = label.getValue();
            String redacted;
            if (value == null) {
                redacted = null;
            } else if (textNames.matches(label.getKey())) {
                masked.add(value);
                redacted = replacement;
            } else {
                redacted = TextPatterns.redact(value, textNames, replacement, masked, false);
            }
            changed |= redacted != value;
            out.put(label.getKey(), redacted);
        }
        return changed ? out : labels;
    }

    /**
     * The headers with sensitive ones masked and the others' URLs and patterns redacted,
     * values equal to {@code keptValue} (if not null) left as they are; the same map when
     * unchanged.
     */
    private Map<String, List<String>> headers(Map<String, List<String>> headers, MaskedValues masked,
                                              @Nullable String keptValue) {
        return Parts.eachHeader(headers, UnaryOperator.identity(),
                name -> value -> value.equals(keptValue) ? value : headerValue(name, value, masked));
    }

    /**
     * Records a masked header value, and the parts of it that may show up alone elsewhere:
     * the credentials after an auth scheme (for {@code Basic}, also the decoded password),
     * the values of cookies.
     */
    private static void recordHeaderValue(String value, MaskedValues masked) {
        masked.add(value);
        String trimmed = value.trim();
        int space = trimmed.indexOf(' ');
        if (space > 0) {
            String credentials = trimmed.substring(space + 1).trim();
            addDerived(credentials, masked);
            if (trimmed.regionMatches(true, 0, "Basic", 0, space)) {
                masked.add(basicPassword(credentials));
            }
        }
        int start = 0;
        while (start < trimmed.length()) {
            int end = start;
            while (end < trimmed.length() && trimmed.charAt(end) != ';' && trimmed.charAt(end) != ',') {
                end++;
            }
            int eq = trimmed.indexOf('=', start);
            if (eq >= 0 && eq < end) {
                addDerived(trimmed.substring(eq + 1, end).trim(), masked);
            }
            start = end + 1;
        }
    }

    /** The password of {@code Basic} credentials ({@code base64(user:password)}), or null. */
    private static @Nullable String basicPassword(String credentials) {
        try {
            String decoded = new String(Base64.getDecoder().decode(credentials), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon >= 0 ? decoded.substring(colon + 1) : null;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private static void addDerived(String part, MaskedValues masked) {
        if (part.length() >= MIN_DERIVED_LENGTH) {
            masked.add(part);
        }
    }

    private @Nullable Body body(@Nullable String mimeType, @Nullable Body body, MaskedValues masked) {
        String content = contentOf(body);
        if (body == null || content == null) {
            return body;
        }
        if (!body.undecodable() && !BodyText.isTrustworthy(content)) {
            // The servlet filter and the HTTP clients judge their own captures (before the
            // enrichers see them); an event built elsewhere (a user's own) gets the same rule
            // here: names in such text cannot be recognised, so the text is never recorded.
            return new Body(body.bytes(), replacement, body.truncated(), body.reconstructed(), body.read(), true);
        }
        return rewritten(body, content, text -> switch (BodyKind.of(mimeType, body)) {
            case FORM -> QueryStrings.redact(text, parameterNames, replacement, masked);
            case JSON -> jsonBodies.redact(text, masked, BodyKind.isJsonSequence(mimeType), body.truncated());
            case TEXT -> BodyKind.looksLikeJson(text)
                    ? jsonBodies.redact(text, masked, false, body.truncated())
                    : TextPatterns.redact(text, textNames, replacement, masked, false);
        });
    }

    /** The body's content, or null when it has none worth redacting (no body, no content, empty). */
    private static @Nullable String contentOf(@Nullable Body body) {
        String content = body == null ? null : body.content();
        return content == null || content.isEmpty() ? null : content;
    }

    /**
     * The body with its {@code content} rewritten as {@code rewrite} says: the same instance
     * when the rewrite returns the same string, masked whole when it fails.
     */
    private Body rewritten(Body body, String content, UnaryOperator<String> rewrite) {
        String result;
        try {
            result = rewrite.apply(content);
        } catch (RuntimeException | StackOverflowError e) {
            return body.withContent(replacement, true);
        }
        return result == content ? body : body.withContent(result, false);
    }

    // ---- step 3: every string field ----

    /**
     * Every string of the event scrubbed of every recorded value (as it is, or decoded:
     * see {@link ValueScrubber}): header names and values, the correlation ID, method and
     * MIME types, bodies, path, query, domain, route, user, user agent, trace IDs, service
     * name, error type and message, label keys and values. Only the event's own identity,
     * timing, outcome, status and the client address (parsed, not text) are left alone.
     */
    private AuditEvent scrubEverything(AuditEvent event, MaskedValues masked) {
        ValueScrubber scrubber = ValueScrubber.of(masked.values(), replacement);
        try {
            return scrubEverything(event, scrubber);
        } finally {
            scrubber.release();
        }
    }

    private AuditEvent scrubEverything(AuditEvent event, ValueScrubber scrubber) {
        if (scrubber.isEmpty()) {
            return event;
        }
        // each part is rebuilt only when something in it changed (scrub returns the same instance otherwise)
        AuditRequest request = event.request();
        String id = scrubber.scrub(request.id());
        String method = scrubber.scrub(request.method());
        String requestMime = scrubber.scrub(request.mimeType());
        Map<String, List<String>> requestHeaders = scrubHeaders(request.headers(), scrubber);
        Body requestBody = scrubBody(request.mimeType(), request.body(), scrubber);
        AuditRequest scrubbedRequest = id == request.id() && method == request.method()
                && requestMime == request.mimeType() && requestHeaders == request.headers()
                && requestBody == request.body() ? request
                : new AuditRequest(id, method, requestMime, requestHeaders, requestBody);

        AuditResponse response = event.response();
        String responseMime = scrubber.scrub(response.mimeType());
        Map<String, List<String>> responseHeaders = scrubHeaders(response.headers(), scrubber);
        Body responseBody = scrubBody(response.mimeType(), response.body(), scrubber);
        AuditResponse scrubbedResponse = responseMime == response.mimeType() && responseHeaders == response.headers()
                && responseBody == response.body() ? response
                : new AuditResponse(response.statusCode(), responseMime, responseHeaders, responseBody);

        UrlInfo url = event.url();
        String path = scrubber.scrub(url.path());
        String query = scrubber.scrub(url.query());
        String scheme = scrubber.scrub(url.scheme());
        String domain = scrubber.scrub(url.domain());
        UrlInfo scrubbedUrl = path == url.path() && query == url.query() && scheme == url.scheme()
                && domain == url.domain() ? url : new UrlInfo(path, query, scheme, domain, url.port());

        UnaryOperator<String> scrub = scrubber::scrub;
        UserInfo user = event.user();
        UserInfo scrubbedUser = Parts.rebuilt(user, UserInfo::name, UserInfo::roles, scrub,
                roles -> Parts.each(roles, scrub), UserInfo::new);
        TraceInfo trace = event.trace();
        TraceInfo scrubbedTrace = Parts.rebuilt(trace, TraceInfo::traceId, TraceInfo::spanId, scrub, scrub,
                TraceInfo::new);
        ErrorInfo error = event.error();
        ErrorInfo scrubbedError = Parts.rebuilt(error, ErrorInfo::type, ErrorInfo::message, scrub, scrub,
                ErrorInfo::new);
        Map<String, String> labels = scrubLabels(event.labels(), scrubber);
        String httpVersion = scrubber.scrub(event.httpVersion());
        String route = scrubber.scrub(event.route());
        String userAgent = scrubber.scrub(event.userAgent());
        String serviceName = scrubber.scrub(event.serviceName());

        if (scrubbedRequest == request && scrubbedResponse == response && scrubbedUrl == url && scrubbedUser == user
                && scrubbedTrace == trace && scrubbedError == error && labels == event.labels()
                && httpVersion == event.httpVersion() && route == event.route() && userAgent == event.userAgent()
                && serviceName == event.serviceName()) {
            return event;
        }
        return new AuditEvent(event.sequence(), event.id(), event.start(), event.end(), event.durationNanos(),
                event.outcome(), httpVersion, scrubbedRequest, scrubbedResponse, route, scrubbedUrl, scrubbedUser,
                event.client(), userAgent, scrubbedTrace, serviceName, scrubbedError, labels, event.direction());
    }

    /**
     * Names and values scrubbed; names that become equal have their values joined. The same
     * instance when nothing changed.
     */
    private static Map<String, List<String>> scrubHeaders(Map<String, List<String>> headers, ValueScrubber scrubber) {
        UnaryOperator<String> scrub = scrubber::scrub;
        return Parts.eachHeader(headers, scrub, name -> scrub);
    }

    /** Keys and values scrubbed; keys that become equal have their values joined. The same instance when unchanged. */
    private static Map<String, String> scrubLabels(Map<String, String> labels, ValueScrubber scrubber) {
        if (labels.isEmpty()) {
            return labels;
        }
        boolean changed = false;
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> label : labels.entrySet()) {
            String key = scrubber.scrub(label.getKey());
            String value = scrubber.scrub(label.getValue());
            changed |= key != label.getKey() || value != label.getValue();
            String before = out.get(key);
            // a null value is kept as null (Map.merge cannot hold one)
            out.put(key, before == null ? value : value == null ? before : before + "," + value);
        }
        return changed ? out : labels;
    }

    private @Nullable Body scrubBody(@Nullable String mimeType, @Nullable Body body, ValueScrubber scrubber) {
        String content = contentOf(body);
        if (body == null || content == null) {
            return body;
        }
        return rewritten(body, content, text -> {
            BodyKind kind = BodyKind.of(mimeType, body);
            // a form is scrubbed as text: a span found decoded is replaced whole, escapes and all,
            // so the pairs stay pairs
            return kind != BodyKind.FORM && (kind == BodyKind.JSON || BodyKind.looksLikeJson(text))
                    ? jsonBodies.scrub(text, scrubber)
                    : scrubber.scrub(text);
        });
    }

    // ---- when in doubt ----

    /** The event with its free-form content masked whole: bodies, query, path, user agent, error message. */
    private AuditEvent maskContent(AuditEvent event) {
        AuditEvent result = event;
        AuditRequest request = event.request();
        if (request.body() != null && request.body().content() != null) {
            result = result.withRequest(request.withBody(request.body().withContent(replacement, true)));
        }
        AuditResponse response = event.response();
        if (response.body() != null && response.body().content() != null) {
            result = result.withResponse(response.withBody(response.body().withContent(replacement, true)));
        }
        if (event.url().query() != null && !event.url().query().isEmpty()) {
            result = result.withUrl(event.url().withQuery(replacement));
        }
        if (event.error() != null && event.error().message() != null) {
            result = result.withError(event.error().withMessage(replacement));
        }
        UrlInfo url = result.url();
        if (url.path() != null && !url.path().isEmpty()) {
            result = result.withUrl(new UrlInfo(replacement, url.query(), url.scheme(), url.domain(), url.port()));
        }
        if (result.userAgent() != null) {
            result = result.withUserAgent(replacement);
        }
        return result;
    }

    /**
     * After an unexpected failure: content masked whole, label values too, and sensitive
     * headers (and any header holding a URL query) masked.
     */
    private AuditEvent lockedDown(AuditEvent event) {
        AuditEvent result = maskContent(event);
        result = result.withRequest(result.request().withHeaders(maskHeadersByName(result.request().headers())));
        result = result.withResponse(result.response().withHeaders(maskHeadersByName(result.response().headers())));
        if (!result.labels().isEmpty()) {
            Map<String, String> labels = new LinkedHashMap<>();
            result.labels().forEach((key, value) -> labels.put(key, replacement));
            result = result.withLabels(labels);
        }
        return result;
    }

    private Map<String, List<String>> maskHeadersByName(Map<String, List<String>> headers) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            boolean sensitive;
            try {
                sensitive = headerNames.matches(name);
            } catch (RuntimeException e) {
                sensitive = true;
            }
            if (sensitive || values.stream().anyMatch(v -> v.indexOf('?') >= 0)) {
                List<String> masked = new ArrayList<>(values.size());
                values.forEach(v -> masked.add(replacement));
                out.put(name, masked);
            } else {
                out.put(name, values);
            }
        });
        return out;
    }
}
