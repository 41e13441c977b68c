package dev.httpaudit.core.redact;

import java.io.StringWriter;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.ObjectWriteContext;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;

/**
 * Redacts JSON text by streaming it from Jackson's parser to its generator: the value of
 * every sensitive property (string, number, object or array) becomes the replacement string,
 * everything else is kept. String values that hold JSON themselves or a URL with a query
 * are redacted too.
 *
 * <p>A document is parsed once to find out whether it holds anything to mask; only then is
 * it rewritten (compactly), so a document with nothing sensitive is returned as it came, in
 * its own formatting. Text that does not parse (malformed, cut at the capture limit, nested
 * deeper than the parser allows, a second root value in a single document) is handed to
 * {@link TextPatterns} in JSON mode instead, as is text known to be cut.
 */
final class JsonBodies {

    /** JSON inside a JSON string inside a body is followed this deep, no deeper. */
    private static final int MAX_EMBEDDED_DEPTH = 2;

    // Buffers recycled per thread, not through Jackson's default shared deque pool (see EventJsonWriter).
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.threadLocalPool())
            .rootValueSeparator("\n")
            .build();

    private final SensitiveNames fieldNames;
    private final SensitiveNames parameterNames;
    private final SensitiveNames fallbackNames;
    private final String replacement;

    /** {@code fallbackNames} must match every name the other two match: it rules out whole bodies. */
    JsonBodies(SensitiveNames fieldNames, SensitiveNames parameterNames, SensitiveNames fallbackNames,
               String replacement) {
        this.fieldNames = fieldNames;
        this.parameterNames = parameterNames;
        this.fallbackNames = fallbackNames;
        this.replacement = replacement;
    }

    /**
     * {@code json} redacted, with every masked value recorded; the same instance when nothing
     * was masked.
     *
     * @param sequence  whether several root values are expected (NDJSON, JSON lines); for a
     *                  single document a second root value is damage
     * @param truncated whether the text was cut at the capture limit: it cannot parse, so it
     *                  goes to the scan right away
     */
    String redact(String json, MaskedValues masked, boolean sequence, boolean truncated) {
        if (!fallbackNames.mayOccurIn(json)) {
            // No sensitive name can be in it (the fallback names include the field and parameter
            // names), so neither the parse nor the tolerant scan would change anything.
            return json;
        }
        if (truncated) {
            return TextPatterns.redact(json, fallbackNames, replacement, masked, true);
        }
        return redact(json, masked, 0, sequence);
    }

    private String redact(String json, MaskedValues masked, int embedded, boolean sequence) {
        try {
            if (!needsRewrite(json, embedded, sequence)) {
                return json;
            }
            return rewrite(json, masked, embedded, null, sequence);
        } catch (RuntimeException e) {
            // JacksonException (malformed, cut short, too deep, too long) or anything unexpected
            return TextPatterns.redact(json, fallbackNames, replacement, masked, true);
        }
    }

    /**
     * {@code json} with the string values scrubbed of {@code scrubber}'s values (keys and
     * numbers are kept, so the JSON stays valid); text that does not parse is scrubbed as
     * plain text.
     */
    String scrub(String json, ValueScrubber scrubber) {
        if (!scrubber.occursIn(json)) {
            return json;
        }
        try {
            return rewrite(json, new MaskedValues(), MAX_EMBEDDED_DEPTH, scrubber, true);
        } catch (RuntimeException e) {
            return scrubber.scrub(json);
        }
    }

    /** Parses the whole document: true as soon as something would change. Throws when it does not parse. */
    private boolean needsRewrite(String json, int embedded, boolean sequence) {
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            RootCount roots = new RootCount(sequence);
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                roots.check(token);
                if (token == JsonToken.PROPERTY_NAME) {
                    if (fieldNames.matches(parser.currentName())) {
                        return true;
                    }
                } else if (token == JsonToken.VALUE_STRING && mayHoldMore(parser, embedded)) {
                    String value = parser.getString();
                    if (!redactString(value, new MaskedValues(), embedded).equals(value)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    private String rewrite(String json, MaskedValues masked, int embedded, ValueScrubber scrubber,
                           boolean sequence) {
        StringWriter out = new StringWriter(json.length() + 16);
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), json);
             JsonGenerator generator = FACTORY.createGenerator(ObjectWriteContext.empty(), out)) {
            RootCount roots = new RootCount(sequence);
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                roots.check(token);
                switch (token) {
                    case START_OBJECT -> generator.writeStartObject();
                    case END_OBJECT -> generator.writeEndObject();
                    case START_ARRAY -> generator.writeStartArray();
                    case END_ARRAY -> generator.writeEndArray();
                    case PROPERTY_NAME -> {
                        String name = parser.currentName();
                        if (scrubber == null && fieldNames.matches(name)) {
                            generator.writeName(redactStructuredName(name, masked));
                            skipAndRecordValue(parser, masked);
                            generator.writeString(replacement);
                        } else {
                            generator.writeName(name);
                        }
                    }
                    case VALUE_STRING -> {
                        if (scrubber != null) {
                            generator.writeString(scrubber.scrub(parser.getString()));
                        } else if (mayHoldMore(parser, embedded)) {
                            generator.writeString(redactString(parser.getString(), masked, embedded));
                        } else {
                            generator.writeString(parser.getStringCharacters(), parser.getStringOffset(),
                                    parser.getStringLength());
                        }
                    }
                    // the number's own text, so that no digit or exponent form changes
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> generator.writeNumber(parser.getText());
                    case VALUE_TRUE -> generator.writeBoolean(true);
                    case VALUE_FALSE -> generator.writeBoolean(false);
                    case VALUE_NULL -> generator.writeNull();
                    default -> throw new IllegalStateException("unexpected JSON token " + token);
                }
            }
        }
        return out.toString();
    }

    /**
     * A sensitive name that holds structure itself ({@code "password:x,\"token"}, as left by
     * a lost quote) is scanned like text, so that a value inside it does not survive.
     */
    private String redactStructuredName(String name, MaskedValues masked) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == ':' || c == '=' || c == ',' || c == '"' || c == '{' || c == '[') {
                return TextPatterns.redact(name, fallbackNames, replacement, masked, true);
            }
        }
        return name;
    }

    /**
     * Counts root values (a masked value is consumed whole, so only what the loops see is
     * counted); throws at a second one unless a sequence is expected.
     */
    private static final class RootCount {
        private final boolean sequence;
        private int depth;
        private boolean seenRoot;

        RootCount(boolean sequence) {
            this.sequence = sequence;
        }

        void check(JsonToken token) {
            if (depth == 0 && token != JsonToken.PROPERTY_NAME && !token.isStructEnd()) {
                if (seenRoot && !sequence) {
                    throw new IllegalStateException("a second root value in a single JSON document");
                }
                seenRoot = true;
            }
            if (token.isStructStart()) {
                depth++;
            } else if (token.isStructEnd()) {
                depth--;
            }
        }
    }

    /** Consumes the value after a property name, recording every scalar in it. */
    private static void skipAndRecordValue(JsonParser parser, MaskedValues masked) {
        JsonToken token = parser.nextToken();
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            int depth = 1;
            while (depth > 0) {
                token = parser.nextToken();
                if (token == null) {
                    throw new IllegalStateException("JSON ended inside a value");
                }
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                } else {
                    recordScalar(parser, token, masked);
                }
            }
        } else if (token == null) {
            throw new IllegalStateException("JSON ended before a value");
        } else {
            recordScalar(parser, token, masked);
        }
    }

    private static void recordScalar(JsonParser parser, JsonToken token, MaskedValues masked) {
        switch (token) {
            case VALUE_STRING -> masked.add(parser.getString());
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> masked.add(parser.getText());
            default -> {
                // names inside a masked object, booleans and null carry nothing to scrub
            }
        }
    }

    /** True when the current string value may hold JSON or a URL query: starts with { or [, or has ? or # then =. */
    private static boolean mayHoldMore(JsonParser parser, int embedded) {
        char[] chars = parser.getStringCharacters();
        int offset = parser.getStringOffset();
        int end = offset + parser.getStringLength();
        boolean first = true;
        boolean question = false;
        for (int i = offset; i < end; i++) {
            char c = chars[i];
            if (first && !Character.isWhitespace(c)) {
                first = false;
                if ((c == '{' || c == '[') && embedded < MAX_EMBEDDED_DEPTH) {
                    return true;
                }
            }
            if (c == '?' || c == '#') {
                question = true;
            } else if (c == '=' && question) {
                return true;
            }
        }
        return false;
    }

    private String redactString(String value, MaskedValues masked, int embedded) {
        String result = value;
        if (embedded < MAX_EMBEDDED_DEPTH && BodyKind.looksLikeJson(result)) {
            result = redact(result, masked, embedded + 1, false);
        }
        if (QueryStrings.mayEmbedQuery(result)) {
            result = QueryStrings.redactEmbedded(result, parameterNames, replacement, masked);
        }
        return result;
    }
}
