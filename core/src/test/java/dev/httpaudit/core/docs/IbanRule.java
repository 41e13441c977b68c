package dev.httpaudit.core.docs;

// tag::rule[]
import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.Body;
import dev.httpaudit.core.redact.MaskedValues;
import dev.httpaudit.core.redact.RedactionPolicy;
import dev.httpaudit.core.redact.RedactionRule;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks anything shaped like an IBAN in the request and response bodies, whatever the field
 * or parameter it is in: the built-in redaction goes by names, this rule by values.
 */
public final class IbanRule implements RedactionRule {

    // Country code, two check digits, 11 to 30 letters or digits (no spaces).
    private static final Pattern IBAN = Pattern.compile("\\b[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}\\b");

    @Override
    public AuditEvent apply(AuditEvent event, MaskedValues masked) {
        return event
                .withRequest(event.request().withBody(mask(event.request().body(), masked)))
                .withResponse(event.response().withBody(mask(event.response().body(), masked)));
    }

    private static Body mask(Body body, MaskedValues masked) {
        if (body == null || body.content() == null) {
            return body;
        }
        Matcher iban = IBAN.matcher(body.content());
        StringBuilder out = new StringBuilder();
        while (iban.find()) {
            // Reported values are scrubbed from free text too (error.message, labels, other bodies).
            masked.add(iban.group());
            iban.appendReplacement(out, Matcher.quoteReplacement(RedactionPolicy.DEFAULT_REPLACEMENT));
        }
        iban.appendTail(out);
        return body.withContent(out.toString(), false);
    }
}
// end::rule[]
