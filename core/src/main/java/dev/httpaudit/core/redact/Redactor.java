package dev.httpaudit.core.redact;

import dev.httpaudit.core.AuditEvent;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Masks sensitive values of an event before any sink sees it, as a {@link RedactionPolicy}
 * says. Thread-safe and stateless between events.
 */
public final class Redactor {

    private final RedactionPolicy policy;
    private final SensitiveNames headerNames;

    private Redactor(RedactionPolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.headerNames = SensitiveNames.of(policy.headers(), policy.useDefaults(), SensitiveNames.DEFAULT_HEADERS);
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

    /** The event with every sensitive value masked. */
    public AuditEvent redact(AuditEvent event) {
        MaskedValues masked = new MaskedValues();
        AuditEvent result = event;
        Map<String, List<String>> requestHeaders = headers(event.request().headers(), masked);
        if (requestHeaders != event.request().headers()) {
            result = result.withRequest(event.request().withHeaders(requestHeaders));
        }
        Map<String, List<String>> responseHeaders = headers(event.response().headers(), masked);
        if (responseHeaders != event.response().headers()) {
            result = result.withResponse(event.response().withHeaders(responseHeaders));
        }
        for (RedactionRule rule : policy.rules()) {
            result = rule.apply(result, masked);
        }
        return result;
    }

    /** {@code headers} with sensitive values masked; {@code headers} itself when none is sensitive. */
    private Map<String, List<String>> headers(Map<String, List<String>> headers, MaskedValues masked) {
        boolean any = false;
        for (String name : headers.keySet()) {
            if (headerNames.matches(name)) {
                any = true;
                break;
            }
        }
        if (!any) {
            return headers;
        }
        Map<String, List<String>> out = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (headerNames.matches(name)) {
                List<String> replaced = new ArrayList<>(values.size());
                for (String value : values) {
                    masked.add(value);
                    replaced.add(policy.replacement());
                }
                out.put(name, replaced);
            } else {
                out.put(name, values);
            }
        });
        return out;
    }
}
