package dev.httpaudit.core.redact;

import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.io.JsonStringEncoder;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.util.JsonRecyclerPools;
import org.jspecify.annotations.Nullable;

/**
 * Redacts JSON text in one parse with Jackson's streaming parser: the value of every
 * sensitive property (string, number, object or array) is replaced by the replacement
 * string, and string values that hold JSON themselves or a URL with a query are redacted
 * too. Only the replaced tokens change: they are spliced into the original text at the
 * offsets the parser reports, so everything else keeps its own formatting, escapes and
 * number spelling, and a document with nothing to mask comes back as the same instance.
 *
 * <p>A whole text in which no sensitive name can occur is returned without parsing
 * ({@link SensitiveNames#mayOccurIn}). Text that does not parse (malformed, cut at the
 * capture limit, nested deeper than the parser allows, a second root value in a single
 * document) is handed to {@link TextPatterns} in JSON mode instead, as is text known to be cut.
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
    /** The replacement as a JSON string token, quotes included. */
    private final String quotedReplacement;

    /** {@code fallbackNames} must match every name the other two match: it rules out whole bodies. */
    JsonBodies(SensitiveNames fieldNames, SensitiveNames parameterNames, SensitiveNames fallbackNames,
               String replacement) {
        this.fieldNames = fieldNames;
        this.parameterNames = parameterNames;
        this.fallbackNames = fallbackNames;
        this.replacement = replacement;
        this.quotedReplacement = quoted(replacement);
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
            return TextPatterns.scan(json, fallbackNames, replacement, masked, true);
        }
        try {
            return rewrite(json, masked, 0, null, sequence);
        } catch (RuntimeException e) {
            // as below; the whole-text check has just passed, so the scan need not repeat it
            return TextPatterns.scan(json, fallbackNames, replacement, masked, true);
        }
    }

    private String redact(String json, MaskedValues masked, int embedded, boolean sequence) {
        try {
            return rewrite(json, masked, embedded, null, sequence);
        } catch (RuntimeException e) {
            // JacksonException (malformed, cut short, too deep, too long) or anything unexpected
            return TextPatterns.redact(json, fallbackNames, replacement, masked, true);
        }
    }

    /**
     * {@code json} with the string values and keys scrubbed of {@code scrubber}'s values, and
     * numbers holding one replaced by the replacement as a string (so the JSON stays valid);
     * text that does not parse is scrubbed as plain text.
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

    /**
     * Parses the whole document and splices the changed tokens into a copy, made at the
     * first change; with a {@code scrubber}, string values are scrubbed instead of redacted
     * by name. Throws when the text does not parse, so no half-done copy is ever returned.
     */
    private String rewrite(String json, MaskedValues masked, int embedded, @Nullable ValueScrubber scrubber,
                           boolean sequence) {
        Splice out = new Splice(json);
        try (JsonParser parser = FACTORY.createParser(ObjectReadContext.empty(), json)) {
            RootCount roots = new RootCount(sequence);
            JsonToken token;
            while ((token = parser.nextToken()) != null) {
                roots.check(token);
                if (token == JsonToken.PROPERTY_NAME) {
                    String name = parser.currentName();
                    boolean sensitive = scrubber == null && fieldNames.matches(name);
                    // scrubbed too: a masked value used as a key ({"password":"x","x":1}) must not survive
                    String newName = scrubber != null ? scrubber.scrub(name)
                            : sensitive ? redactStructuredName(name, masked) : name;
                    if (!newName.equals(name)) {
                        int nameStart = tokenStart(parser);
                        out.replace(nameStart, stringEnd(json, nameStart), quoted(newName));
                    }
                    if (sensitive) {
                        JsonToken value = parser.nextToken();
                        int valueStart = tokenStart(parser);
                        skipAndRecordValue(parser, value, masked);
                        out.replace(valueStart, tokenEnd(parser), quotedReplacement);
                    }
                } else if (token == JsonToken.VALUE_STRING) {
                    String value = null;
                    String changed = null;
                    if (scrubber != null) {
                        value = parser.getString();
                        changed = scrubber.scrub(value);
                    } else if (mayHoldMore(parser, embedded)) {
                        value = parser.getString();
                        changed = redactString(value, masked, embedded);
                    }
                    if (value != null && !changed.equals(value)) {
                        out.replace(tokenStart(parser), tokenEnd(parser), quoted(changed));
                    }
                } else if (scrubber != null && token.isNumeric() && scrubber.occursIn(parser.getText())) {
                    // a masked value spelled as a number (a PIN echoed back): the string replacement keeps the JSON valid
                    out.replace(tokenStart(parser), tokenEnd(parser), quotedReplacement);
                }
            }
        }
        return out.result();
    }

    /** Where the current token starts in the text (a string's or name's opening quote). */
    private static int tokenStart(JsonParser parser) {
        return Math.toIntExact(parser.currentTokenLocation().getCharOffset());
    }

    /** Where the current token ends in the text; a string token must have been read whole. */
    private static int tokenEnd(JsonParser parser) {
        return Math.toIntExact(parser.currentLocation().getCharOffset());
    }

    /** The index after the closing quote of the JSON string whose opening quote is at {@code open}. */
    private static int stringEnd(String json, int open) {
        for (int i = open + 1; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i + 1;
            }
        }
        throw new IllegalStateException("unterminated JSON string");
    }

    /** {@code value} as a JSON string token, quotes included. */
    private static String quoted(String value) {
        StringBuilder quoted = new StringBuilder(value.length() + 8).append('"');
        JsonStringEncoder.getInstance().quoteAsString(value, quoted);
        return quoted.append('"').toString();
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

    /** Consumes the value that starts with {@code token}, recording every scalar in it. */
    private static void skipAndRecordValue(JsonParser parser, JsonToken first, MaskedValues masked) {
        JsonToken token = first;
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
