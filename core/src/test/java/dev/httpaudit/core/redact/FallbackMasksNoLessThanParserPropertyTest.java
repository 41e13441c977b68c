package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * The tolerant scan's contract, "may mask more than a parser, never less", checked against
 * the parser itself: a valid generated JSON document goes through the parser path
 * ({@link JsonBodies}), which records every value it masks; the same document, damaged in
 * ways a lenient reader would shrug off (comments, Unicode spaces and zero-width chars
 * between tokens and inside sensitive names) and cut at any point, goes through
 * {@link TextPatterns} in JSON mode. No fragment of a value the parser masked may survive.
 *
 * <p>The criterion is strict and cannot be met by chance: every secret is a marker made of
 * {@link #SECRET_CHARS} only (digits and four capitals no name uses), and nothing else in a
 * document, damaged or not, holds three of those chars in a row (plain strings are lower
 * case, plain numbers have at most two digits in a row). So "no three-char window of a
 * masked value is in the output" means not even three chars of a secret survived.
 */
class FallbackMasksNoLessThanParserPropertyTest {

    private static final String REPLACEMENT = "***";
    /** As the redactor builds them: the parser's names, and the fallback's (every name). */
    private static final SensitiveNames FIELD_NAMES = SensitiveNames.of(List.of(), true, List.of());
    private static final SensitiveNames FALLBACK_NAMES =
            SensitiveNames.of(List.of(), true, SensitiveNames.DEFAULT_HEADERS);
    private static final JsonBodies PARSER = new JsonBodies(FIELD_NAMES, FIELD_NAMES, FALLBACK_NAMES, REPLACEMENT);

    static final String SECRET_CHARS = "QJVZ0123456789";
    private static final int WINDOW = 3;

    static final List<String> SENSITIVE_KEYS = List.of("password", "newPassword", "user_password", "access_token",
            "apiKey", "X-Api-Key", "creditCardNumber", "privateKey", "client_secret", "pin", "ssn",
            "cvv", "refresh-token", "secret", "Authorization", "card_number", "PASSWD", "pass word",
            // longer than any bound a scan might put on names (no \\uXXXX escapes: their digits
            // would read as secret chars)
            "note ".repeat(230) + "secret", "a:b,".repeat(300) + "token");
    static final List<String> PLAIN_KEYS = List.of("name", "id", "items", "address", "addressNumber", "className",
            "spinner", "note", "data", "value", "type", "meta", "\\u00fcmlaut", "a b", "");
    /** No s, p, c, k, z, no capitals: no sensitive term or short name, no secret char. */
    private static final String PLAIN_CHARS = "abdefghijlmnoqrtuvwxy  ,:{}[]=&#/<>é";

    /** What a lenient reader skips between tokens; comments holding delimiters too. */
    static final List<String> GAPS = List.of("/* c */", "/**/", "/* a, b: } ] \" ' { [ */", "// x \" } , ]\n",
            "/*\n*/", "\u00a0", "\u2007", "\u202f", "\u3000", "\u200b", "\ufeff", "\u2060", "\u2028", "\r\n", "\t",
            " \u00a0/* x */\u200b ");
    /** What may stand inside a name without changing it for the parser's normalization. */
    static final List<String> IN_NAME = List.of("\u200b", "\u200d", "\u00a0", "\u2060", "\ufeff");

    // ---- documents ----

    /** A document's text, where tokens meet (gaps may go there), and where sensitive names' chars are. */
    record Doc(String json, List<Integer> boundaries, List<Integer> inNames, List<String> secrets) {
        @Override
        public String toString() {
            return json;
        }
    }

    sealed interface Node permits Obj, Arr, Leaf {
    }

    record Entry(String key, boolean sensitive, Node value) {
    }

    record Obj(List<Entry> entries) implements Node {
    }

    record Arr(List<Node> items) implements Node {
    }

    /** A scalar as JSON text, and the marker it carries (or null). */
    record Leaf(String raw, String secret) implements Node {
    }

    private static final class Writer {
        final StringBuilder out = new StringBuilder();
        final List<Integer> boundaries = new ArrayList<>();
        final List<Integer> inNames = new ArrayList<>();
        final List<String> secrets = new ArrayList<>();

        void token(String text) {
            boundaries.add(out.length());
            out.append(text);
        }

        void write(Node node) {
            if (node instanceof Leaf leaf) {
                token(leaf.raw());
                if (leaf.secret() != null) {
                    secrets.add(leaf.secret());
                }
            } else if (node instanceof Arr arr) {
                token("[");
                for (int i = 0; i < arr.items().size(); i++) {
                    if (i > 0) {
                        token(",");
                    }
                    write(arr.items().get(i));
                }
                token("]");
            } else if (node instanceof Obj obj) {
                token("{");
                for (int i = 0; i < obj.entries().size(); i++) {
                    Entry entry = obj.entries().get(i);
                    if (i > 0) {
                        token(",");
                    }
                    boundaries.add(out.length());
                    out.append('"');
                    if (entry.sensitive() && entry.key().indexOf('\\') < 0) {
                        for (int k = 1; k < entry.key().length(); k++) {
                            inNames.add(out.length() + k);
                        }
                    }
                    out.append(entry.key()).append('"');
                    token(":");
                    write(entry.value());
                }
                token("}");
            }
        }

        Doc doc() {
            boundaries.add(out.length());
            return new Doc(out.toString(), boundaries, inNames, secrets);
        }
    }

    static Arbitrary<String> marker() {
        return Arbitraries.strings().withChars(SECRET_CHARS).ofMinLength(6).ofMaxLength(12).map(s -> "Q" + s);
    }

    private static Arbitrary<Node> secretLeaf() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, marker().map(s -> new Leaf("\"" + s + "\"", s))),
                Tuple.of(1, Arbitraries.longs().between(1_000_000L, 999_999_999L).map(n -> new Leaf("7" + n, "7" + n))));
    }

    /** A sensitive key's value: a marker, or a structure of markers (and literals, which carry nothing). */
    private static Arbitrary<Node> secretValue() {
        Arbitrary<Node> inside = Arbitraries.frequencyOf(Tuple.of(5, secretLeaf()),
                Tuple.of(1, Arbitraries.of("true", "null").map(l -> new Leaf(l, null))));
        Arbitrary<Node> array = inside.list().ofMinSize(1).ofMaxSize(3).map(Arr::new);
        Arbitrary<Node> object = Combinators.combine(Arbitraries.of(PLAIN_KEYS), inside)
                .as((k, v) -> new Entry(k, false, v)).list().ofMinSize(1).ofMaxSize(3).map(Obj::new);
        Arbitrary<Node> nested = Combinators.combine(Arbitraries.of(PLAIN_KEYS), array)
                .as((k, v) -> new Entry(k, false, v)).list().ofMinSize(1).ofMaxSize(2).map(Obj::new);
        return Arbitraries.frequencyOf(Tuple.of(4, secretLeaf()), Tuple.of(1, array), Tuple.of(1, object),
                Tuple.of(1, nested));
    }

    private static Arbitrary<Node> plainLeaf() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.strings().withChars(PLAIN_CHARS).ofMaxLength(12)
                        .map(s -> new Leaf(JsonRedactionPropertyTest.jsonString(s), null))),
                Tuple.of(1, Arbitraries.of("0", "7", "42", "-5", "0.25", "1E2", "99").map(n -> new Leaf(n, null))),
                Tuple.of(1, Arbitraries.of("true", "false", "null").map(l -> new Leaf(l, null))),
                // strings the parser redacts too: JSON inside a string, a URL with a query
                Tuple.of(1, Combinators.combine(Arbitraries.of(SENSITIVE_KEYS.subList(0, 8)), marker())
                        .as((k, m) -> new Leaf("\"{\\\"" + k + "\\\":\\\"" + m + "\\\",\\\"n\\\":1}\"", m))),
                Tuple.of(1, Combinators.combine(Arbitraries.of("token", "password", "api_key", "pin"), marker())
                        .as((k, m) -> new Leaf("\"https://h/p?a=b&" + k + "=" + m + "&c=d\"", m))));
    }

    private static Arbitrary<Node> node(int depth) {
        if (depth >= 4) {
            return plainLeaf();
        }
        return Arbitraries.frequencyOf(
                Tuple.of(3, plainLeaf()),
                Tuple.of(2, Arbitraries.lazy(() -> object(depth + 1))),
                Tuple.of(1, Arbitraries.lazy(() -> node(depth + 1).list().ofMaxSize(4).map(Arr::new))));
    }

    private static Arbitrary<Node> object(int depth) {
        Arbitrary<Entry> sensitive = Combinators.combine(Arbitraries.of(SENSITIVE_KEYS), secretValue())
                .as((k, v) -> new Entry(k, true, v));
        Arbitrary<Entry> plain = Combinators.combine(Arbitraries.of(PLAIN_KEYS), node(depth))
                .as((k, v) -> new Entry(k, false, v));
        return Arbitraries.frequencyOf(Tuple.of(1, sensitive), Tuple.of(2, plain)).list().ofMaxSize(5)
                .map(Obj::new);
    }

    @Provide
    Arbitrary<Doc> docs() {
        Arbitrary<Node> root = Arbitraries.frequencyOf(Tuple.of(4, object(0)),
                Tuple.of(1, node(1).list().ofMaxSize(4).map(Arr::new)));
        return root.map(node -> {
            Writer writer = new Writer();
            writer.write(node);
            return writer.doc();
        }).filter(doc -> !doc.secrets().isEmpty());
    }

    // ---- damage ----

    /** An insertion: of a gap at a token boundary, or of an invisible char inside a sensitive name. */
    record Insert(boolean inName, int where, int what) {
    }

    @Provide
    Arbitrary<List<Insert>> inserts() {
        return Combinators.combine(Arbitraries.frequency(Tuple.of(4, false), Tuple.of(1, true)),
                Arbitraries.integers().between(0, 1_000_000), Arbitraries.integers().between(0, 1_000))
                .as(Insert::new).list().ofMaxSize(8);
    }

    static String damage(Doc doc, List<Insert> inserts) {
        record At(int at, String text) {
        }
        List<At> at = new ArrayList<>();
        for (Insert insert : inserts) {
            if (insert.inName() && !doc.inNames().isEmpty()) {
                at.add(new At(doc.inNames().get(insert.where() % doc.inNames().size()),
                        IN_NAME.get(insert.what() % IN_NAME.size())));
            } else {
                at.add(new At(doc.boundaries().get(insert.where() % doc.boundaries().size()),
                        GAPS.get(insert.what() % GAPS.size())));
            }
        }
        // from the end, so that earlier positions stay valid
        at.sort(Comparator.comparingInt(At::at).reversed());
        StringBuilder damaged = new StringBuilder(doc.json());
        for (At a : at) {
            damaged.insert(a.at(), a.text());
        }
        return damaged.toString();
    }

    // ---- properties ----

    /** The values the parser path masks in the valid document; every generated secret among them. */
    private static Set<String> maskedByParser(Doc doc) {
        MaskedValues masked = new MaskedValues();
        String out = PARSER.redact(doc.json(), masked, false, false);
        assertThat(out).as("the parser path parses the valid document").isNotSameAs(doc.json());
        assertThat(masked.values()).as("the parser masks every generated secret").containsAll(doc.secrets());
        return masked.values();
    }

    private static String fallback(String text) {
        return TextPatterns.redact(text, FALLBACK_NAMES, REPLACEMENT, new MaskedValues(), true);
    }

    /** Fails when any {@value #WINDOW}-char window of a value in {@code masked} is in {@code out}. */
    private static void assertNoFragmentLeft(String out, Set<String> masked, String input) {
        for (String value : masked) {
            for (int i = 0; i + WINDOW <= value.length(); i++) {
                String fragment = value.substring(i, i + WINDOW);
                assertThat(out).as("fragment %s of %s%ninput  %s", fragment, value, input).doesNotContain(fragment);
            }
        }
    }

    @Property(tries = 1500)
    void theFallbackMasksEveryFragmentOfWhatTheParserMasksDespiteCommentsAndInvisibleChars(
            @ForAll("docs") Doc doc, @ForAll("inserts") List<Insert> inserts) {
        Set<String> masked = maskedByParser(doc);
        String damaged = damage(doc, inserts);

        assertNoFragmentLeft(fallback(damaged), masked, damaged);
    }

    @Property(tries = 1500)
    void aDocumentCutAtAnyPointKeepsNoFragmentOfWhatTheParserMasksInTheWhole(
            @ForAll("docs") Doc doc, @ForAll("inserts") List<Insert> inserts,
            @ForAll @IntRange(min = 0, max = 1_000_000) int cutSeed) {
        Set<String> masked = maskedByParser(doc);
        String damaged = damage(doc, inserts);
        String cut = damaged.substring(0, 1 + cutSeed % damaged.length());

        assertNoFragmentLeft(fallback(cut), masked, cut);
    }

    /**
     * JSON in free text (a text body, an error message) is scanned without JSON mode; Unicode
     * spaces and zero-width chars still do not hide a value there. (Comments are JSON mode's:
     * in running text {@code //} is as likely a URL.)
     */
    @Property(tries = 500)
    void jsonInFreeTextKeepsNoFragmentOfWhatTheParserMasksDespiteInvisibleChars(
            @ForAll("docs") Doc doc, @ForAll("inserts") List<Insert> inserts) {
        Set<String> masked = maskedByParser(doc);
        List<Insert> invisible = inserts.stream()
                .filter(i -> i.inName() || !GAPS.get(i.what() % GAPS.size()).contains("/")).toList();
        String damaged = damage(doc, invisible);

        String out = TextPatterns.redact(damaged, FALLBACK_NAMES, REPLACEMENT, new MaskedValues(), false);

        assertNoFragmentLeft(out, masked, damaged);
    }
}
