package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.Body;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Generated form bodies, query strings and header maps with sensitive names, whose secret
 * values start with {@code S3cr3t}: nothing else in them contains {@code S3}, so "the output
 * contains no {@code S3}" means not even part of a secret survived.
 */
class ParameterRedactionPropertyTest {

    private static final Redactor REDACTOR = Redactor.defaults();

    static final List<String> SENSITIVE_NAMES = List.of("password", "pass%77ord", "user%5Fpassword", "newPassword",
            "card%5Bcvv%5D", "pin", "access_token", "api-key", "client.secret", "PASSWD", "x%2Dauth%2Dtoken",
            "pass+word", "card[pin]", "ssn");
    static final List<String> PLAIN_NAMES = List.of("user", "page", "spinner", "className", "q", "addressNumber",
            "caf%C3%A9", "a+b", "sort", "redirect", "");

    /** One name=value pair as it stands in the text, and as it should come out. */
    record Pair(String text, String expected, String secret) {
    }

    /** Pairs joined by {@code &}. */
    record Pairs(List<Pair> pairs) {

        String text() {
            return String.join("&", pairs.stream().map(Pair::text).toList());
        }

        String expected() {
            return String.join("&", pairs.stream().map(Pair::expected).toList());
        }

        List<String> secrets() {
            return pairs.stream().map(Pair::secret).filter(s -> s != null).toList();
        }

        /** Where a pair starts: 0 and after each {@code &} between pairs. */
        List<Integer> pairStarts() {
            List<Integer> starts = new ArrayList<>();
            int at = 0;
            for (Pair pair : pairs) {
                starts.add(at);
                at += pair.text().length() + 1;
            }
            return starts;
        }

        @Override
        public String toString() {
            return text();
        }
    }

    static Arbitrary<String> secret() {
        Arbitrary<String> core = Arbitraries.strings().withChars("ABCDEFGHJKLMNPQRTUVWXYZ0123456789")
                .ofMinLength(4).ofMaxLength(10);
        Arbitrary<String> extra = Arbitraries.of("", "%21", "+", "%26", "%3D", "%3F", "=", "?", ";", "/", "%23");
        return Combinators.combine(core, extra, core).as((a, b, c) -> "S3cr3t" + a + b + c);
    }

    static Arbitrary<String> plainValue() {
        return Arbitraries.strings().withChars(JsonRedactionPropertyTest.PLAIN_LETTERS + "+-.").ofMaxLength(10)
                .flatMap(s -> Arbitraries.of("", "%20", "%2F", "=").map(x -> s + x));
    }

    private static Arbitrary<Pair> sensitivePair() {
        return Combinators.combine(Arbitraries.of(SENSITIVE_NAMES), secret())
                .as((name, secret) -> new Pair(name + "=" + secret, name + "=***", secret));
    }

    private static Arbitrary<Pair> plainPair() {
        return Combinators.combine(Arbitraries.of(PLAIN_NAMES), plainValue())
                .as((name, value) -> new Pair(name + "=" + value, name + "=" + value, null));
    }

    /** A URL in a value, with a sensitive parameter in its own query: as is, or percent-encoded. */
    private static Arbitrary<Pair> nestedUrlPair() {
        Arbitrary<Pair> plain = Combinators.combine(Arbitraries.of("password", "token", "pin", "api_key"), secret())
                .as((name, secret) -> new Pair("next=/p?a=1&" + name + "=" + secret,
                        "next=/p?a=1&" + name + "=***", secret));
        Arbitrary<Pair> encoded = Combinators.combine(Arbitraries.of("password", "token", "pin"),
                        secret().filter(s -> !s.contains("&")))
                .as((name, secret) -> new Pair("next=%2Fp%3F" + name + "%3D" + secret, "next=***", secret));
        return Arbitraries.oneOf(plain, encoded);
    }

    private static Arbitrary<Pair> oddPair() {
        return Arbitraries.of(new Pair("password=", "password=", null), new Pair("flag", "flag", null),
                new Pair("pin", "pin", null), new Pair("", "", null));
    }

    @Provide
    Arbitrary<Pairs> pairs() {
        return pairList();
    }

    /** Pairs with at least one secret. */
    static Arbitrary<Pairs> pairList() {
        return Arbitraries.frequencyOf(
                        Tuple.of(3, sensitivePair()), Tuple.of(4, plainPair()), Tuple.of(1, nestedUrlPair()),
                        Tuple.of(1, oddPair()))
                .list().ofMinSize(1).ofMaxSize(8).map(Pairs::new)
                .filter(p -> !p.secrets().isEmpty());
    }

    private static String redactForm(String form, boolean truncated) {
        Body body = Body.captured(form.length(), form, truncated);
        return Events.requestContent(REDACTOR.redact(Events.requestBody(Events.FORM, body)));
    }

    private static String redactQuery(String query) {
        return REDACTOR.redact(Events.query(query)).url().query();
    }

    @Property(tries = 1000)
    void formsAndQueriesLoseOnlyTheirSecretsByteForByte(@ForAll("pairs") Pairs pairs) {
        assertThat(redactForm(pairs.text(), false)).isEqualTo(pairs.expected());
        assertThat(redactQuery(pairs.text())).isEqualTo(pairs.expected());
        Body reconstructed = Body.reconstructedForm(pairs.text(), pairs.text().length(), false);
        assertThat(Events.requestContent(REDACTOR.redact(Events.requestBody(null, reconstructed))))
                .isEqualTo(pairs.expected());
    }

    @Property(tries = 1000)
    void truncatedFormsAndQueriesNeverLeakEvenPartOfASecret(@ForAll("pairs") Pairs pairs,
                                                             @ForAll @IntRange(min = 0, max = 1_000_000) int cutSeed) {
        String text = pairs.text();
        String cut = text.substring(0, 1 + cutSeed % Math.max(1, text.length() - 1));

        assertThat(redactForm(cut, true)).as(cut).doesNotContain("S3");
        assertThat(redactQuery(cut)).as(cut).doesNotContain("S3");
    }

    @Property(tries = 1000)
    void malformedFormsAndQueriesNeverLeakASecret(@ForAll("pairs") Pairs pairs,
                                                  @ForAll @IntRange(min = 0, max = 1_000_000) int where,
                                                  @ForAll("junk") String junk, @ForAll boolean semicolon) {
        String text = pairs.text();
        List<Integer> starts = pairs.pairStarts();
        String damaged;
        if (semicolon && starts.size() > 1) {
            // ; for & (a deleted & would merge a value into the next name: a different name)
            int at = starts.get(1 + where % (starts.size() - 1)) - 1;
            damaged = text.substring(0, at) + ";" + text.substring(at + 1);
        } else {
            int at = starts.get(where % starts.size());
            damaged = text.substring(0, at) + junk + text.substring(at);
        }

        assertThat(redactForm(damaged, false)).as(damaged).doesNotContain("S3");
        assertThat(redactQuery(damaged)).as(damaged).doesNotContain("S3");
    }

    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.of("&", "&&", "=", "==", ";", "?", "%", "#", " ", "+", "%20", "=&");
    }

    // ---- headers ----

    /** Headers as given, and as they should come out, and the secrets in them. */
    record HeaderSet(Map<String, List<String>> headers, Map<String, List<String>> expected, List<String> secrets) {
    }

    private static final List<String> SENSITIVE_HEADERS = List.of("authorization", "proxy-authorization", "cookie",
            "set-cookie", "x-api-key", "x-auth-token", "x-refresh-token", "x-client-secret", "api-key");
    private static final List<String> URL_HEADERS = List.of("referer", "location", "link", "x-forwarded-uri",
            "content-location", "x-original-url");

    private static Arbitrary<String[]> sensitiveHeader() {
        Arbitrary<String> value = secret().flatMap(s -> Arbitraries.of("Bearer " + s, s, "session=" + s + "; lang=en",
                "Basic " + s));
        return Combinators.combine(Arbitraries.of(SENSITIVE_HEADERS), value)
                .as((name, v) -> new String[] {name, v, "***", v});
    }

    private static Arbitrary<String[]> urlHeader() {
        Arbitrary<Pairs> query = Arbitraries.frequencyOf(Tuple.of(2, sensitivePair()), Tuple.of(3, plainPair()))
                .list().ofMinSize(1).ofMaxSize(4).map(Pairs::new);
        return Combinators.combine(Arbitraries.of(URL_HEADERS), query, Arbitraries.of("?", "#"),
                        Arbitraries.of("", "#top", "#x=1"))
                .as((name, q, mark, fragment) -> {
                    String tail = mark.equals("#") ? "" : fragment;
                    String value = "https://h.example/a/b" + mark + q.text() + tail;
                    String expected = "https://h.example/a/b" + mark + q.expected() + tail;
                    if (name.equals("link")) {
                        value = "<" + value + ">; rel=\"next\"";
                        expected = "<" + expected + ">; rel=\"next\"";
                    }
                    return new String[] {name, value, expected, String.join("\n", q.secrets())};
                });
    }

    private static Arbitrary<String[]> plainHeader() {
        return Combinators.combine(Arbitraries.of("accept", "x-request-id", "content-type", "user-agent", "x-note"),
                        Arbitraries.strings().withChars(JsonRedactionPropertyTest.PLAIN_LETTERS + " /;=,").ofMaxLength(20))
                .as((name, v) -> new String[] {name, v, v, ""});
    }

    @Provide
    Arbitrary<HeaderSet> headerSets() {
        return headerSetList();
    }

    /** Header maps with at least one secret. */
    static Arbitrary<HeaderSet> headerSetList() {
        return Arbitraries.frequencyOf(Tuple.of(2, sensitiveHeader()), Tuple.of(2, urlHeader()),
                        Tuple.of(2, plainHeader()))
                .list().ofMinSize(1).ofMaxSize(8).uniqueElements(h -> h[0])
                .map(rows -> {
                    Map<String, List<String>> headers = new LinkedHashMap<>();
                    Map<String, List<String>> expected = new LinkedHashMap<>();
                    List<String> secrets = new ArrayList<>();
                    for (String[] row : rows) {
                        headers.put(row[0], List.of(row[1]));
                        expected.put(row[0], List.of(row[2]));
                        for (String s : row[3].split("\n")) {
                            if (s.contains("S3")) {
                                secrets.add(s);
                            }
                        }
                    }
                    return new HeaderSet(headers, expected, secrets);
                })
                .filter(h -> !h.secrets().isEmpty());
    }

    private static AuditEvent withHeaders(Map<String, List<String>> headers) {
        return Events.base()
                .request(new AuditRequest("r", "GET", null, headers, null))
                .response(new AuditResponse(302, null, headers, null))
                .build();
    }

    @Property(tries = 1000)
    void headersLoseOnlyTheirSecrets(@ForAll("headerSets") HeaderSet set) {
        AuditEvent out = REDACTOR.redact(withHeaders(set.headers()));

        assertThat(out.request().headers()).isEqualTo(set.expected());
        assertThat(out.response().headers()).isEqualTo(set.expected());
    }

    @Property(tries = 500)
    void cutOrDamagedHeaderValuesNeverLeakASecret(@ForAll("headerSets") HeaderSet set,
                                                  @ForAll @IntRange(min = 0, max = 1_000_000) int where,
                                                  @ForAll("headerJunk") String junk, @ForAll boolean cut) {
        Map<String, List<String>> damaged = new LinkedHashMap<>();
        set.headers().forEach((name, values) -> {
            String value = values.get(0);
            int at = where % (value.length() + 1);
            damaged.put(name, List.of(cut ? value.substring(0, at) : damagedUrl(value, where, junk)));
        });

        AuditEvent out = REDACTOR.redact(withHeaders(damaged));

        assertThat(out.request().headers().toString()).as(damaged.toString()).doesNotContain("S3");
    }

    /** Junk put in front of one of a URL's parameters. */
    private static String damagedUrl(String value, int where, String junk) {
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '?' || c == '&' || c == '#') {
                starts.add(i + 1);
            }
        }
        if (starts.isEmpty()) {
            return value;
        }
        int at = starts.get(where % starts.size());
        return value.substring(0, at) + junk + value.substring(at);
    }

    @Provide
    Arbitrary<String> headerJunk() {
        return Arbitraries.of("&&", "??", "#", "=", ";", " ", "<", ">", "\"", "%", "'");
    }
}
