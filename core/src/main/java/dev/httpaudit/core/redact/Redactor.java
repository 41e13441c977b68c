package dev.httpaudit.core.redact;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.ErrorInfo;
import dev.httpaudit.core.UrlInfo;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

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
 *       <li>{@code labels} (what enrichers add): by name, and the same patterns in values.</li>
 *     </ul></li>
 *   <li>Custom {@link RedactionRule}s, in order; the values they report are recorded too. A
 *       rule that throws or returns {@code null} fails the whole redaction with an
 *       {@link IllegalStateException}: what it would have masked is unknown and could be in
 *       any field, so the event must not be written (the pipeline counts it as failed).</li>
 *   <li>Free text: {@code error.message}, label values and bodies that are neither JSON nor
 *       forms are scrubbed of every recorded value (also percent-encoded or JSON-escaped); so
 *       are the string values and keys of JSON bodies (numbers are kept, so the JSON stays valid).</li>
 * </ol>
 * Should the built-in steps fail unexpectedly, the event's free-form content, label values
 * and sensitive headers are masked whole rather than let through.
 */
public final class Redactor {

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
     * The event with every sensitive value masked. Should a built-in step fail, the event
     * comes back with its bodies, query, error message, label values and sensitive headers
     * masked whole. {@code null} gives {@code null}.
     *
     * @throws IllegalStateException when a custom {@link RedactionRule} throws or returns
     *         {@code null}; its message names the rule's class only
     */
    public AuditEvent redact(AuditEvent event) {
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
            return scrubFreeText(result, masked);
        } catch (RuntimeException | StackOverflowError e) {
            return lockedDown(result);
        }
    }

    // ---- step 1: built-in rules ----

    private AuditEvent builtIn(AuditEvent event, MaskedValues masked) {
        AuditEvent result = event;
        AuditRequest request = event.request();
        Map<String, List<String>> requestHeaders = headers(request.headers(), masked);
        Body requestBody = body(request.mimeType(), request.body(), masked);
        if (requestHeaders != request.headers() || requestBody != request.body()) {
            result = result.withRequest(new AuditRequest(request.id(), request.method(), request.mimeType(),
                    requestHeaders, requestBody));
        }
        AuditResponse response = event.response();
        Map<String, List<String>> responseHeaders = headers(response.headers(), masked);
        Body responseBody = body(response.mimeType(), response.body(), masked);
        if (responseHeaders != response.headers() || responseBody != response.body()) {
            result = result.withResponse(new AuditResponse(response.statusCode(), response.mimeType(),
                    responseHeaders, responseBody));
        }
        UrlInfo url = event.url();
        String query = QueryStrings.redact(url.query(), parameterNames, replacement, masked);
        if (query != url.query()) {
            result = result.withUrl(url.withQuery(query));
        }
        ErrorInfo error = event.error();
        if (error != null && error.message() != null) {
            String message = TextPatterns.redact(error.message(), textNames, replacement, masked, false);
            if (message != error.message()) {
                result = result.withError(error.withMessage(message));
            }
        }
        Map<String, String> labels = labels(event.labels(), masked);
        if (labels != event.labels()) {
            result = result.withLabels(labels);
        }
        return result;
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

    /** The headers with sensitive ones masked and the others' URLs and patterns redacted; the same map when unchanged. */
    private Map<String, List<String>> headers(Map<String, List<String>> headers, MaskedValues masked) {
        Map<String, List<String>> out = null;
        for (Map.Entry<String, List<String>> entry : headers.entrySet()) {
            List<String> values = entry.getValue();
            List<String> replaced;
            if (headerNames.matches(entry.getKey())) {
                replaced = new ArrayList<>(values.size());
                for (String value : values) {
                    recordHeaderValue(value, masked);
                    replaced.add(replacement);
                }
            } else {
                replaced = null;
                for (int i = 0; i < values.size(); i++) {
                    String value = values.get(i);
                    String redacted = QueryStrings.redactEmbedded(value, parameterNames, replacement, masked);
                    redacted = TextPatterns.redact(redacted, textNames, replacement, masked, false);
                    if (redacted != value) {
                        if (replaced == null) {
                            replaced = new ArrayList<>(values);
                        }
                        replaced.set(i, redacted);
                    }
                }
            }
            if (replaced != null && out == null) {
                out = new LinkedHashMap<>();
                for (Map.Entry<String, List<String>> before : headers.entrySet()) {
                    if (before.getKey().equals(entry.getKey())) {
                        break;
                    }
                    out.put(before.getKey(), before.getValue());
                }
            }
            if (out != null) {
                out.put(entry.getKey(), replaced != null ? replaced : values);
            }
        }
        return out == null ? headers : out;
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
    private static String basicPassword(String credentials) {
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

    private Body body(String mimeType, Body body, MaskedValues masked) {
        if (body == null || body.content() == null || body.content().isEmpty()) {
            return body;
        }
        String content = body.content();
        String redacted;
        try {
            redacted = switch (BodyKind.of(mimeType, body)) {
                case FORM -> QueryStrings.redact(content, parameterNames, replacement, masked);
                case JSON -> jsonBodies.redact(content, masked, BodyKind.isJsonSequence(mimeType), body.truncated());
                case TEXT -> BodyKind.looksLikeJson(content)
                        ? jsonBodies.redact(content, masked, false, body.truncated())
                        : TextPatterns.redact(content, textNames, replacement, masked, false);
            };
        } catch (RuntimeException | StackOverflowError e) {
            return body.withContent(replacement, true);
        }
        return redacted == content ? body : body.withContent(redacted, false);
    }

    // ---- step 3: free text ----

    private AuditEvent scrubFreeText(AuditEvent event, MaskedValues masked) {
        ValueScrubber scrubber = ValueScrubber.of(masked.values(), replacement);
        if (scrubber.isEmpty()) {
            return event;
        }
        AuditEvent result = event;
        AuditRequest request = event.request();
        Body requestBody = scrubBody(request.mimeType(), request.body(), scrubber);
        if (requestBody != request.body()) {
            result = result.withRequest(request.withBody(requestBody));
        }
        AuditResponse response = event.response();
        Body responseBody = scrubBody(response.mimeType(), response.body(), scrubber);
        if (responseBody != response.body()) {
            result = result.withResponse(response.withBody(responseBody));
        }
        ErrorInfo error = event.error();
        if (error != null && error.message() != null) {
            String message = scrubber.scrub(error.message());
            if (message != error.message()) {
                result = result.withError(error.withMessage(message));
            }
        }
        if (!event.labels().isEmpty()) {
            Map<String, String> labels = new LinkedHashMap<>();
            boolean changed = false;
            for (Map.Entry<String, String> label : event.labels().entrySet()) {
                String scrubbed = scrubber.scrub(label.getValue());
                changed |= scrubbed != label.getValue();
                labels.put(label.getKey(), scrubbed);
            }
            if (changed) {
                result = result.withLabels(labels);
            }
        }
        return result;
    }

    private Body scrubBody(String mimeType, Body body, ValueScrubber scrubber) {
        if (body == null || body.content() == null || body.content().isEmpty()) {
            return body;
        }
        String content = body.content();
        String scrubbed;
        try {
            BodyKind kind = BodyKind.of(mimeType, body);
            if (kind == BodyKind.FORM) {
                return body; // masked by name; not free text
            }
            scrubbed = kind == BodyKind.JSON || BodyKind.looksLikeJson(content)
                    ? jsonBodies.scrub(content, scrubber)
                    : scrubber.scrub(content);
        } catch (RuntimeException | StackOverflowError e) {
            return body.withContent(replacement, true);
        }
        return scrubbed == content ? body : body.withContent(scrubbed, false);
    }

    // ---- when in doubt ----

    /** The event with its free-form content masked whole: bodies, query, error message. */
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
