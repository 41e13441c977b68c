package dev.httpaudit.core.redact;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Decides whether a name (header, parameter, JSON field) is sensitive. Names are normalized
 * first: percent-decoded, lower-cased, and {@code -}, {@code _}, {@code .} and spaces
 * removed, so {@code X-Api-Key}, {@code access_token} and {@code pass%77ord} are all caught.
 * A name is sensitive when its normalized form contains one of the contained terms, or
 * equals one of the whole names.
 */
public final class SensitiveNames {

    /** Terms that make any name containing them sensitive. */
    public static final List<String> DEFAULT_CONTAINED_TERMS = List.of(
            "password", "passwd", "secret", "token", "apikey", "clientsecret", "privatekey",
            "authorization", "creditcard", "cardnumber");

    /** Short terms, sensitive only as the whole name ({@code pin}, not {@code spinner}). */
    public static final List<String> DEFAULT_WHOLE_NAMES = List.of("ssn", "cvv", "cvc", "pin");

    /** Header names sensitive by default (besides names with a contained term). */
    public static final List<String> DEFAULT_HEADERS = List.of(
            "authorization", "proxy-authorization", "cookie", "set-cookie", "x-api-key", "x-auth-token");

    private static final int MAX_REMEMBERED = 1024;

    private final java.util.concurrent.ConcurrentHashMap<String, Boolean> answers = new java.util.concurrent.ConcurrentHashMap<>();
    private final Set<String> wholeNames;
    private final List<String> containedTerms;

    private SensitiveNames(Set<String> wholeNames, List<String> containedTerms) {
        this.wholeNames = Set.copyOf(wholeNames);
        this.containedTerms = List.copyOf(containedTerms);
    }

    /**
     * A matcher for the given extra names (matched as whole normalized names), plus the
     * built-in terms and {@code defaultWholeNames} when {@code useDefaults} is set.
     */
    static SensitiveNames of(Collection<String> extraNames, boolean useDefaults, Collection<String> defaultWholeNames) {
        Set<String> whole = new HashSet<>();
        for (String name : extraNames) {
            whole.add(normalize(name));
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
    public boolean matches(String name) {
        if (name == null) {
            return false;
        }
        // The same few header and field names come back with every request: remember the
        // answers (a bounded cache; past its size, names are simply checked every time).
        Boolean known = answers.get(name);
        if (known != null) {
            return known;
        }
        boolean answer = check(name);
        if (answers.size() < MAX_REMEMBERED) {
            answers.put(name, answer);
        }
        return answer;
    }

    private boolean check(String name) {
        String normalized = normalize(name);
        if (wholeNames.contains(normalized)) {
            return true;
        }
        for (String term : containedTerms) {
            if (normalized.contains(term)) {
                return true;
            }
        }
        return false;
    }

    /** Percent-decoded (malformed escapes kept as they are), lower-cased, separators removed. */
    public static String normalize(String name) {
        String decoded = name;
        if (name.indexOf('%') >= 0 || name.indexOf('+') >= 0) {
            try {
                decoded = URLDecoder.decode(name, StandardCharsets.UTF_8);
            } catch (IllegalArgumentException malformed) {
                decoded = name;
            }
        }
        StringBuilder out = new StringBuilder(decoded.length());
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (c == '-' || c == '_' || c == '.' || Character.isWhitespace(c)) {
                continue;
            }
            out.append(c);
        }
        return out.toString().toLowerCase(Locale.ROOT);
    }
}
