package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.Body;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;
import tools.jackson.databind.ObjectMapper;

/**
 * Generated JSON documents with sensitive keys at any depth, whose values (strings, numbers,
 * objects, arrays) are distinctive: every secret string starts with {@code S3cr3t} and every
 * secret number with {@code 9731}, and nothing else in a document contains {@code S3} or
 * {@code 973} (ordinary strings have no digits, no capital S, and no letters that could spell
 * a sensitive name). So "the output contains no {@code S3}" means not even part of a secret
 * survived.
 */
class JsonRedactionPropertyTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Redactor REDACTOR = Redactor.defaults();

    static final List<String> SENSITIVE_KEYS = List.of("password", "newPassword", "user_password", "access_token",
            "apiKey", "X-Api-Key", "creditCardNumber", "privateKey", "pass\\u0077ord", "client_secret", "pin", "ssn",
            "cvv", "refresh-token", "secret", "Authorization", "card_number", "PASSWD");
    static final List<String> PLAIN_KEYS = List.of("name", "id", "items", "address", "addressNumber", "className",
            "spinner", "note", "data", "value", "type", "meta", "\\u00fcmlaut", "a b", "");
    /** No s, p, c, k, z: no sensitive term or short name can be spelled with these. */
    static final String PLAIN_LETTERS = "abdefghijlmnoqrtuvwxy";
    private static final String PLAIN_CHARS = PLAIN_LETTERS + PLAIN_LETTERS + "  \"\\,:{}[]=&\n\t#/<>é\u2028";

    // ---- model ----

    sealed interface Node permits Obj, Arr, Leaf {
    }

    record Entry(String rawKey, boolean sensitive, Node value) {
    }

    record Obj(List<Entry> entries) implements Node {
    }

    record Arr(List<Node> items) implements Node {
    }

    /** A scalar as JSON text; {@code secret} when it must never show in the output. */
    record Leaf(String raw, boolean secret) implements Node {
    }

    /** A document and the whitespace put between its tokens. */
    record Doc(Node root, String whitespace) {

        Written written() {
            Written w = new Written(whitespace, false);
            w.write(root);
            w.boundaries.add(w.out.length());
            return w;
        }

        String json() {
            return written().out.toString();
        }

        /** The document as it should come out of redaction. */
        String expected() {
            Written w = new Written(whitespace, true);
            w.write(root);
            return w.out.toString();
        }

        List<String> secrets() {
            return written().secrets;
        }

        @Override
        public String toString() {
            return json();
        }
    }

    static final class Written {
        final StringBuilder out = new StringBuilder();
        final List<Integer> boundaries = new ArrayList<>();
        final List<String> secrets = new ArrayList<>();
        private final String whitespace;
        private final boolean mask;

        Written(String whitespace, boolean mask) {
            this.whitespace = whitespace;
            this.mask = mask;
        }

        /** Inside a secret value: no boundaries there (see {@link #damage}). */
        private int insideSecret;

        private void token(String text) {
            if (insideSecret == 0) {
                boundaries.add(out.length());
            }
            out.append(text);
        }

        void write(Node node) {
            if (node instanceof Leaf leaf) {
                token(leaf.raw());
                if (leaf.secret()) {
                    secrets.add(leaf.raw().replace("\"", ""));
                }
            } else if (node instanceof Arr arr) {
                token("[");
                for (int i = 0; i < arr.items().size(); i++) {
                    if (i > 0) {
                        token(",");
                    }
                    out.append(whitespace);
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
                    out.append(whitespace);
                    token("\"" + entry.rawKey() + "\"");
                    token(":");
                    out.append(whitespace);
                    if (mask && entry.sensitive()) {
                        token("\"***\"");
                    } else if (entry.sensitive()) {
                        boundaries.add(out.length());
                        insideSecret++;
                        write(entry.value());
                        insideSecret--;
                        boundaries.add(out.length());
                    } else {
                        write(entry.value());
                    }
                }
                token("}");
            }
        }
    }

    // ---- generators ----

    static Arbitrary<String> secretString() {
        return Arbitraries.strings().withChars("ABCDEFGHJKLMNPQRTUVWXYZ0123456789").ofMinLength(4).ofMaxLength(10)
                .map(s -> "S3cr3t" + s);
    }

    static Arbitrary<String> secretNumber() {
        return Arbitraries.longs().between(1000, 99_999_999).map(n -> "9731" + n);
    }

    static Arbitrary<String> plainString() {
        return Arbitraries.strings().withChars(PLAIN_CHARS.toCharArray()).ofMaxLength(12);
    }

    static String jsonString(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\t' -> b.append("\\t");
                case 'é' -> b.append("\\u00e9");
                default -> b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private static Arbitrary<Node> secretLeaf() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, secretString().map(s -> new Leaf("\"" + s + "\"", true))),
                Tuple.of(1, secretNumber().map(n -> new Leaf(n, true))));
    }

    private static Arbitrary<Node> plainLeaf() {
        return Arbitraries.frequencyOf(
                Tuple.of(4, plainString().map(s -> new Leaf(jsonString(s), false))),
                Tuple.of(1, Arbitraries.of("0", "7", "42", "-5", "0.25", "1E2", "99").map(n -> new Leaf(n, false))),
                Tuple.of(1, Arbitraries.of("true", "false", "null").map(l -> new Leaf(l, false))));
    }

    /** The value of a sensitive key: a secret scalar, or a structure whose every leaf is secret. */
    private static Arbitrary<Node> secretValue() {
        Arbitrary<Node> array = secretLeaf().list().ofMinSize(1).ofMaxSize(3).map(Arr::new);
        Arbitrary<Node> object = Combinators.combine(Arbitraries.of(PLAIN_KEYS), secretLeaf())
                .as((k, v) -> new Entry(k, false, v)).list().ofMinSize(1).ofMaxSize(3).map(Obj::new);
        return Arbitraries.frequencyOf(Tuple.of(4, secretLeaf()), Tuple.of(1, array), Tuple.of(1, object));
    }

    private static Arbitrary<Node> node(int depth) {
        if (depth >= 4) {
            return plainLeaf();
        }
        return Arbitraries.frequencyOf(
                Tuple.of(3, plainLeaf()),
                Tuple.of(2, Arbitraries.lazy(() -> object(depth + 1))),
                Tuple.of(1, Arbitraries.lazy(() -> array(depth + 1))));
    }

    private static Arbitrary<Node> object(int depth) {
        Arbitrary<Entry> sensitive = Combinators.combine(Arbitraries.of(SENSITIVE_KEYS), secretValue())
                .as((k, v) -> new Entry(k, true, v));
        Arbitrary<Entry> plain = Combinators.combine(Arbitraries.of(PLAIN_KEYS), node(depth))
                .as((k, v) -> new Entry(k, false, v));
        return Arbitraries.frequencyOf(Tuple.of(1, sensitive), Tuple.of(2, plain)).list().ofMaxSize(5)
                .map(Obj::new);
    }

    private static Arbitrary<Node> array(int depth) {
        return node(depth).list().ofMaxSize(4).map(Arr::new);
    }

    @Provide
    Arbitrary<Doc> docs() {
        return documents();
    }

    /** Documents with at least one secret. */
    static Arbitrary<Doc> documents() {
        Arbitrary<Node> root = Arbitraries.frequencyOf(Tuple.of(4, object(0)), Tuple.of(1, array(0)));
        return Combinators.combine(root, Arbitraries.of("", " ", "\n  ")).as(Doc::new)
                .filter(doc -> !doc.secrets().isEmpty());
    }

    // ---- properties ----

    private static String redactJson(String json, boolean truncated) {
        Body body = Body.captured(json.length(), json, truncated);
        return Events.requestContent(REDACTOR.redact(Events.requestBody(Events.JSON, body)));
    }

    private static void assertNoSecretLeft(String out, Doc doc) {
        assertThat(out).as("input %s", doc.json()).doesNotContain("S3").doesNotContain("973");
    }

    @Property(tries = 1000)
    void validJsonGivesValidJsonWithEverySecretMaskedAndTheRestKept(@ForAll("docs") Doc doc) {
        String out = redactJson(doc.json(), false);

        assertThat(MAPPER.readTree(out)).as("input %s%noutput %s", doc.json(), out)
                .isEqualTo(MAPPER.readTree(doc.expected()));
        for (String secret : doc.secrets()) {
            assertThat(out).doesNotContain(secret);
        }
        assertNoSecretLeft(out, doc);
    }

    @Property(tries = 1000)
    void truncatedJsonNeverLeaksEvenPartOfASecret(@ForAll("docs") Doc doc,
                                                   @ForAll @IntRange(min = 0, max = 1_000_000) int cutSeed) {
        String json = doc.json();
        int cut = 1 + cutSeed % Math.max(1, json.length() - 1);

        String out = redactJson(json.substring(0, cut), true);

        assertNoSecretLeft(out, doc);
    }

    /**
     * A damage done to a document: an insertion between tokens, a deletion of a delimiter, or a
     * global change (quotes, a prefix, a suffix).
     *
     * <p>What no redactor can undo is left out: nothing is inserted inside a secret object or
     * array (a {@code }} put there, as in {@code {"password":{"a":"S3..."},"b":"S3..."}}},
     * makes its remaining members read exactly like ordinary members of the enclosing
     * object), and a document gets one local damage, since two at the same member can merge
     * name and value into one token ({@code {"password97311000}}). Deletions may hit
     * delimiters anywhere, secret values included.
     */
    record Damage(int kind, int where, char what) {
    }

    /** One local damage (an insertion or a deletion), and up to two global ones. */
    @Provide
    Arbitrary<List<Damage>> damages() {
        Arbitrary<Integer> where = Arbitraries.integers().between(0, 1_000_000);
        Arbitrary<Damage> local = Combinators.combine(Arbitraries.integers().between(0, 6), where,
                        Arbitraries.of('{', '}', '[', ']', ',', ':', '"', '\'', '\\', ' ', 'x', '='))
                .as(Damage::new);
        Arbitrary<Damage> global = Combinators.combine(Arbitraries.integers().between(7, 9), where)
                .as((kind, at) -> new Damage(kind, at, ' '));
        return Combinators.combine(local, global.list().ofMaxSize(2)).as((l, g) -> {
            List<Damage> all = new ArrayList<>(g);
            all.add(0, l);
            return all;
        });
    }

    static String damage(Doc doc, List<Damage> damages) {
        Written written = doc.written();
        String json = written.out.toString();
        List<Integer> delimiters = new ArrayList<>();
        for (int i = 0; i < json.length(); i++) {
            if ("{}[],:\"".indexOf(json.charAt(i)) >= 0) {
                delimiters.add(i);
            }
        }
        // positional edits first, from the end, so that earlier positions stay valid
        record Edit(int at, boolean delete, char c) {
        }
        List<Edit> edits = new ArrayList<>();
        List<Damage> global = new ArrayList<>();
        for (Damage d : damages) {
            if (d.kind() <= 4) {
                edits.add(new Edit(written.boundaries.get(d.where() % written.boundaries.size()), false, d.what()));
            } else if (d.kind() <= 6 && !delimiters.isEmpty()) {
                edits.add(new Edit(delimiters.get(d.where() % delimiters.size()), true, ' '));
            } else {
                global.add(d);
            }
        }
        edits.sort(Comparator.comparingInt(Edit::at).reversed());
        StringBuilder b = new StringBuilder(json);
        int lastDeleted = -1;
        for (Edit e : edits) {
            if (e.delete()) {
                if (e.at() != lastDeleted) {
                    b.deleteCharAt(e.at());
                    lastDeleted = e.at();
                }
            } else {
                b.insert(e.at(), e.c());
            }
        }
        String damaged = b.toString();
        for (Damage d : global) {
            damaged = switch (d.kind()) {
                case 7 -> damaged.replace('"', '\'');
                case 8 -> List.of(")]}',\n", "\uFEFF", "x", "// note\n", "[").get(d.where() % 5) + damaged;
                default -> damaged + List.of("}", "]]", " trailing", ",", "\"", "{\"x\":").get(d.where() % 6);
            };
        }
        return damaged;
    }

    @Property(tries = 1000)
    void malformedJsonNeverLeaksASecret(@ForAll("docs") Doc doc, @ForAll("damages") List<Damage> damages) {
        String damaged = damage(doc, damages);

        String out = redactJson(damaged, false);

        assertThat(out).as("damaged input %s", damaged).doesNotContain("S3").doesNotContain("973");
    }

    @Property(tries = 300)
    void malformedAndTruncatedJsonNeverLeaksASecret(@ForAll("docs") Doc doc, @ForAll("damages") List<Damage> damages,
                                                     @ForAll @IntRange(min = 0, max = 1_000_000) int cutSeed) {
        String damaged = damage(doc, damages);
        int cut = 1 + cutSeed % Math.max(1, damaged.length() - 1);

        String out = redactJson(damaged.substring(0, cut), true);

        assertThat(out).as("damaged input %s", damaged).doesNotContain("S3").doesNotContain("973");
    }

    @Property(tries = 200)
    void jsonInTextBodiesAndResponsesIsRedactedTheSameWay(@ForAll("docs") Doc doc) {
        String asText = Events.requestContent(REDACTOR.redact(Events.requestBody(Events.TEXT, doc.json())));
        String asResponse = Events.responseContent(REDACTOR.redact(
                Events.responseBody("application/problem+json", doc.json())));

        assertThat(MAPPER.readTree(asText)).isEqualTo(MAPPER.readTree(doc.expected()));
        assertThat(MAPPER.readTree(asResponse)).isEqualTo(MAPPER.readTree(doc.expected()));
    }
}
