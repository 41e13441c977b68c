package dev.httpaudit.core.redact;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Decides whether a name (header, parameter, JSON field) is sensitive. Names are normalized
 * first: percent-decoded, lower-cased, and {@code -}, {@code _}, {@code .}, {@code +},
 * whitespace (no-break spaces too) and format chars (zero-width) removed, so {@code X-Api-Key}, {@code access_token} and {@code pass%77ord} are
 * all caught. A name is sensitive when its normalized form contains one of the contained
 * terms, or equals one of the whole names. The last segment of a structured name
 * ({@code card[pin]}, {@code card.pin}, {@code ns:pin}) is also compared with the whole
 * names, so short terms are caught inside form arrays and XML namespaces while
 * {@code spinner}, {@code className} or {@code user_pin} are left alone.
 *
 * <p>Thread-safe. Results for short names are cached (bounded), since the same names come
 * back on every request.
 */
final class SensitiveNames {

    /** Terms that make any name containing them sensitive. */
    public static final List<String> DEFAULT_CONTAINED_TERMS = List.of(
            "password", "passwd", "secret", "token", "apikey", "clientsecret", "privatekey",
            "authorization", "creditcard", "cardnumber");

    /** Short terms, sensitive only as the whole name ({@code pin}, not {@code spinner}). */
    public static final List<String> DEFAULT_WHOLE_NAMES = List.of("ssn", "cvv", "cvc", "pin");

    /** Header names sensitive by default (besides names with a contained term). */
    public static final List<String> DEFAULT_HEADERS = List.of(
            "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "x-auth-token");

    private static final int CACHE_LIMIT = 4096;
    private static final int CACHED_NAME_MAX_LENGTH = 64;
    /** Percent-decoding rounds, so that a doubly encoded name is caught as well. */
    private static final int DECODE_ROUNDS = 3;

    private final Set<String> wholeNames;
    private final String[] containedTerms;
    private final ConcurrentHashMap<String, Boolean> cache = new ConcurrentHashMap<>();
    /** Every whole name and contained term, to rule out a whole text at once. */
    private final NameAutomaton anyName;

    private SensitiveNames(Set<String> wholeNames, List<String> containedTerms) {
        this.wholeNames = Set.copyOf(wholeNames);
        this.containedTerms = containedTerms.toArray(new String[0]);
        Set<String> all = new HashSet<>(wholeNames);
        all.addAll(containedTerms);
        this.anyName = new NameAutomaton(all);
    }

    /**
     * A matcher for the given extra names (matched as whole normalized names), plus the
     * built-in terms and {@code defaultWholeNames} when {@code useDefaults} is set.
     */
    static SensitiveNames of(Collection<String> extraNames, boolean useDefaults, Collection<String> defaultWholeNames) {
        Set<String> whole = new HashSet<>();
        for (String name : extraNames) {
            if (name != null) {
                String normalized = normalize(name);
                if (!normalized.isEmpty()) {
                    whole.add(normalized);
                }
            }
        }
        List<String> contained = List.of();
        if (useDefaults) {
            for (String name : defaultWholeNames) {
                whole.add(normalize(name));
            }
            for (String name : DEFAULT_WHOLE_NAMES) {
                whole.add(normalize(name));
            }
            contained = DEFAULT_CONTAINED_TERMS;
        }
        return new SensitiveNames(whole, contained);
    }

    /** True when {@code name} is sensitive. */
    public boolean matches(@Nullable String name) {
        if (name == null || name.isEmpty()) {
            return false;
        }
        if (name.length() > CACHED_NAME_MAX_LENGTH) {
            // not cached: rule most long names out in one pass, without normalizing a copy
            return anyName.mayOccurIn(name) && compute(name);
        }
        Boolean cached = cache.get(name);
        if (cached != null) {
            return cached;
        }
        boolean result = compute(name);
        if (cache.size() < CACHE_LIMIT) {
            cache.put(name, result);
        }
        return result;
    }

    /**
     * False only when no name inside {@code text} can be sensitive: none of the terms occurs
     * in the text normalized as a whole, and the text holds no percent or JSON escape. One
     * pass, no allocation; lets a body with nothing sensitive skip parsing.
     */
    boolean mayOccurIn(@Nullable String text) {
        return text != null && anyName.mayOccurIn(text);
    }

    /**
     * As {@link #mayOccurIn(String)} for the chars of {@code text} from {@code from} to
     * {@code to}: false only when the name there cannot match. Lets a scan rule out most names
     * without copying them.
     */
    boolean mayOccurIn(String text, int from, int to) {
        return anyName.mayOccurIn(text, from, to);
    }

    /** {@link #matches} for the name from {@code from} to {@code to} in {@code text}, copied only when it may match. */
    boolean matches(String text, int from, int to) {
        return from < to && anyName.mayOccurIn(text, from, to) && matches(text.substring(from, to));
    }

    private boolean compute(String name) {
        String normalized = normalize(name);
        if (normalized.isEmpty()) {
            return false;
        }
        if (wholeNames.contains(normalized)) {
            return true;
        }
        for (String term : containedTerms) {
            if (normalized.contains(term)) {
                return true;
            }
        }
        String last = lastSegment(name);
        return last != null && wholeNames.contains(last);
    }

    /**
     * The normalized part of a structured name after its last separator ({@code pin} of
     * {@code card[pin]}, {@code card.pin}, {@code ns:pin} or {@code #pin}), or null when the
     * name has no structure. {@code -} and {@code _} are no separators: {@code user_pin} is
     * not the short term {@code pin}.
     */
    private static @Nullable String lastSegment(String name) {
        String decoded = decode(name);
        int end = decoded.length();
        while (end > 0 && !Character.isLetterOrDigit(decoded.charAt(end - 1))) {
            end--;
        }
        int start = end;
        while (start > 0 && !isSegmentSeparator(decoded.charAt(start - 1))) {
            start--;
        }
        if (start == 0 || start >= end) {
            return null;
        }
        return strip(decoded.substring(start, end));
    }

    /** Anything but a letter, a digit, or a char that normalization removes ({@code . } excepted). */
    private static boolean isSegmentSeparator(char c) {
        return !Character.isLetterOrDigit(c) && c != '-' && c != '_' && c != '+' && !Character.isWhitespace(c);
    }

    /**
     * Percent-decoded (repeatedly, leniently: a malformed escape stays as it is), lower-cased,
     * with {@code -}, {@code _}, {@code .}, {@code +} and whitespace removed.
     */
    public static String normalize(String name) {
        return strip(decode(name));
    }

    private static String decode(String name) {
        String decoded = name;
        for (int round = 0; round < DECODE_ROUNDS && decoded.indexOf('%') >= 0; round++) {
            String next = percentDecode(decoded);
            if (next.equals(decoded)) {
                break;
            }
            decoded = next;
        }
        return decoded;
    }

    private static String strip(String decoded) {
        StringBuilder out = new StringBuilder(decoded.length());
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (isSkipped(c)) {
                continue;
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    /**
     * Whether normalization drops {@code c}: {@code - _ . +}, whitespace, the no-break spaces
     * (which {@link Character#isWhitespace} leaves out, so {@code pass\u00a0word} would
     * otherwise slip by), format chars (zero-width spaces and joiners, {@code \ufeff}),
     * which do not show, NEL ({@code \u0085}, a line end to some readers) and U+FFFD: a byte
     * the charset could not decode, such as a Latin-1 no-break space in a body declared UTF-8,
     * must not split a name either.
     */
    static boolean isSkipped(char c) {
        return c == '-' || c == '_' || c == '.' || c == '+' || Character.isWhitespace(c) || Character.isSpaceChar(c)
                || Character.getType(c) == Character.FORMAT || c == '\u0085' || c == '\uFFFD';
    }

    /** Decodes every well-formed {@code %XX} escape as UTF-8; anything else is kept as it is. */
    static String percentDecode(String text) {
        int percent = text.indexOf('%');
        if (percent < 0) {
            return text;
        }
        byte[] bytes = new byte[text.length() * 3];
        int length = 0;
        boolean changed = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int escaped = c == '%' ? Escapes.percentByte(text, i) : -1;
            if (escaped >= 0) {
                bytes[length++] = (byte) escaped;
                i += 2;
                changed = true;
            } else if (c < 0x80) {
                bytes[length++] = (byte) c;
            } else {
                // re-encode the char (and its low surrogate, if paired) as UTF-8
                int end = i + 1;
                if (Character.isHighSurrogate(c) && end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
                    end++;
                }
                byte[] encoded = text.substring(i, end).getBytes(StandardCharsets.UTF_8);
                System.arraycopy(encoded, 0, bytes, length, encoded.length);
                length += encoded.length;
                i = end - 1;
            }
        }
        return changed ? new String(bytes, 0, length, StandardCharsets.UTF_8) : text;
    }
}
