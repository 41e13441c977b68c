package dev.httpaudit.core.redact;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HeaderAndQueryRedactionTest {

    private final Redactor redactor = Redactor.defaults();

    @Test
    void masksDefaultSensitiveHeadersAndKeepsOthers() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("authorization", List.of("Bearer abc.def.ghi"));
        headers.put("proxy-authorization", List.of("Basic dXNlcjpwYXNz"));
        headers.put("cookie", List.of("session=0123456789abcdef; lang=en"));
        headers.put("x-api-key", List.of("k-123"));
        headers.put("x-auth-token", List.of("t-123"));
        headers.put("x-refresh-token", List.of("r-123"));
        headers.put("content-type", List.of("application/json"));
        headers.put("accept", List.of("*/*"));

        AuditEvent out = redactor.redact(Events.requestHeaders(headers));

        Map<String, List<String>> result = out.request().headers();
        assertThat(result).containsEntry("authorization", List.of("***"))
                .containsEntry("proxy-authorization", List.of("***"))
                .containsEntry("cookie", List.of("***"))
                .containsEntry("x-api-key", List.of("***"))
                .containsEntry("x-auth-token", List.of("***"))
                .containsEntry("x-refresh-token", List.of("***"))
                .containsEntry("content-type", List.of("application/json"))
                .containsEntry("accept", List.of("*/*"));
        assertThat(result.keySet()).containsExactly("authorization", "proxy-authorization", "cookie", "x-api-key",
                "x-auth-token", "x-refresh-token", "content-type", "accept");
    }

    @Test
    void masksSetCookieOnResponsesAndEveryValueOfAHeader() {
        AuditEvent out = redactor.redact(Events.responseHeaders(Map.of(
                "set-cookie", List.of("a=1", "b=2"), "cache-control", List.of("no-store"))));

        assertThat(out.response().headers()).containsEntry("set-cookie", List.of("***", "***"))
                .containsEntry("cache-control", List.of("no-store"));
    }

    @Test
    void masksUserAddedHeadersWithCustomReplacement() {
        Redactor custom = Redactor.of(RedactionPolicy.builder().headers("X-Tenant-Secret-Id", "x-session")
                .replacement("[redacted]").build());

        AuditEvent out = custom.redact(Events.requestHeaders(Map.of(
                "x-session", List.of("s1"), "authorization", List.of("Basic x"), "x-other", List.of("o"))));

        assertThat(out.request().headers()).containsEntry("x-session", List.of("[redacted]"))
                .containsEntry("authorization", List.of("[redacted]"))
                .containsEntry("x-other", List.of("o"));
    }

    @Test
    void withoutDefaultsOnlyUserNamesAreMasked() {
        Redactor custom = Redactor.of(RedactionPolicy.builder().useDefaults(false).headers("x-session").build());

        AuditEvent out = custom.redact(Events.requestHeaders(Map.of(
                "x-session", List.of("s1"), "authorization", List.of("Basic x"))));

        assertThat(out.request().headers()).containsEntry("x-session", List.of("***"))
                .containsEntry("authorization", List.of("Basic x"));
    }

    @Test
    void masksQueryValuesByNameKeepingEverythingElseByteForByte() {
        AuditEvent out = redactor.redact(Events.query("page=2&token=abc%20def&q=a+b&access_token=xyz&sort="));

        assertThat(out.url().query()).isEqualTo("page=2&token=***&q=a+b&access_token=***&sort=");
    }

    @Test
    void matchesPercentEncodedQueryNames() {
        AuditEvent out = redactor.redact(Events.query("pass%77ord=x&user%5Fpassword=y&name=bob"));

        assertThat(out.url().query()).isEqualTo("pass%77ord=***&user%5Fpassword=***&name=bob");
    }

    @Test
    void shortTermsInQueriesOnlyAsWholeNames() {
        AuditEvent out = redactor.redact(Events.query("pin=1234&spinner=on&ssn=123-45-6789&addressNumber=12"));

        assertThat(out.url().query()).isEqualTo("pin=***&spinner=on&ssn=***&addressNumber=12");
    }

    @Test
    void masksParametersOfUrlsNestedInQueryValues() {
        AuditEvent out = redactor.redact(Events.query("next=/login?token=abc&x=1;pin=1234&y=2"));

        assertThat(out.url().query()).isEqualTo("next=/login?token=***&x=1;pin=***&y=2");
    }

    @Test
    void masksAPercentEncodedUrlWhoseQueryHasASensitiveParameter() {
        AuditEvent out = redactor.redact(Events.query("next=%2Fa%3Faccess_token%3Dabc123&page=1"));

        assertThat(out.url().query()).isEqualTo("next=***&page=1");
    }

    @Test
    void keepsQueriesWithoutSensitiveParametersAsTheSameString() {
        String query = "a=1&b=2&c";
        AuditEvent out = redactor.redact(Events.query(query));

        assertThat(out.url().query()).isSameAs(query);
    }

    @Test
    void masksUserAddedParameters() {
        Redactor custom = Redactor.of(RedactionPolicy.builder().parameters("sessionId").build());

        AuditEvent out = custom.redact(Events.query("session_id=1&x=2"));

        assertThat(out.url().query()).isEqualTo("session_id=***&x=2");
    }

    @Test
    void redactsQueryStringsInsideRefererAndLocation() {
        AuditEvent in = Events.base()
                .request(new dev.httpaudit.core.AuditRequest("r", "GET", null,
                        Map.of("referer", List.of("https://app.example/cb?code=1&access_token=abc#frag")), null))
                .response(new dev.httpaudit.core.AuditResponse(302, null,
                        Map.of("location", List.of("/next?password=p4ss&page=2")), null))
                .build();

        AuditEvent out = redactor.redact(in);

        assertThat(out.request().headers().get("referer"))
                .containsExactly("https://app.example/cb?code=1&access_token=***#frag");
        assertThat(out.response().headers().get("location")).containsExactly("/next?password=***&page=2");
    }

    @Test
    void redactsQueryStringsInAnyUrlLikeHeaderValue() {
        AuditEvent out = redactor.redact(Events.responseHeaders(Map.of(
                "link", List.of("<https://api.example/items?page=2&api_key=k1>; rel=\"next\""),
                "x-original-url", List.of("/a?secret=s&b=1"))));

        assertThat(out.response().headers().get("link"))
                .containsExactly("<https://api.example/items?page=2&api_key=***>; rel=\"next\"");
        assertThat(out.response().headers().get("x-original-url")).containsExactly("/a?secret=***&b=1");
    }

    @Test
    void redactsParametersInUrlFragmentsOfHeaderValues() {
        AuditEvent out = redactor.redact(Events.responseHeaders(Map.of(
                "location", List.of("https://client.example/cb#access_token=abc&token_type=bearer&state=xyz"))));

        assertThat(out.response().headers().get("location"))
                .containsExactly("https://client.example/cb#access_token=***&token_type=***&state=xyz");
    }

    @Test
    void headerValuesWithoutQueriesAreKeptAsTheSameInstances() {
        Map<String, List<String>> headers = Map.of("accept", List.of("text/html"), "x-note", List.of("why? no"));
        AuditEvent in = Events.requestHeaders(headers);

        assertThat(redactor.redact(in).request().headers()).isEqualTo(in.request().headers());
    }
}
