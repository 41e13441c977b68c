package dev.httpaudit.servlet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.Outcome;
import dev.httpaudit.core.json.EcsFieldMapping;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The scenario suite: every test runs against each embedded server (see the subclasses). */
abstract class ScenarioSuite extends AuditFilterScenarios {

    // ---- normal exchanges, bodies, headers -------------------------------------------

    @Test
    void jsonPostRecordsRequestResponseHeadersUrlClientAndTiming() throws Exception {
        String id = newId();
        HttpResponse<String> response = send(request("/echo?page=2", id)
                .header("Content-Type", "application/json")
                .header("User-Agent", "scenario-test/1.0")
                .header("X-Custom", "one")
                .header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .POST(HttpRequest.BodyPublishers.ofString("{\"item\":\"book\"}")));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"item\":\"book\"}");
        assertThat(response.headers().firstValue("X-Request-ID")).contains(id);
        AuditEvent event = exactlyOneEventFor(id);
        assertThat(event.request().method()).isEqualTo("POST");
        assertThat(event.request().mimeType()).isEqualTo("application/json");
        assertThat(event.request().body().content()).isEqualTo("{\"item\":\"book\"}");
        assertThat(event.request().body().bytes()).isEqualTo(15L);
        assertThat(event.request().headers()).containsEntry("x-custom", List.of("one"))
                .containsEntry("user-agent", List.of("scenario-test/1.0"));
        assertThat(event.request().headers().keySet()).allMatch(name -> name.equals(name.toLowerCase()));
        assertThat(event.response().statusCode()).isEqualTo(200);
        assertThat(event.response().mimeType()).isEqualTo("application/json");
        assertThat(event.response().body().content()).isEqualTo("{\"item\":\"book\"}");
        assertThat(event.response().headers()).containsEntry("x-request-id", List.of(id));
        assertThat(event.url().path()).isEqualTo("/echo");
        assertThat(event.url().query()).isEqualTo("page=2");
        assertThat(event.url().scheme()).isEqualTo("http");
        assertThat(event.url().domain()).isEqualTo("127.0.0.1");
        assertThat(event.url().port()).isEqualTo(server.port());
        assertThat(event.httpVersion()).isEqualTo("1.1");
        assertThat(event.userAgent()).isEqualTo("scenario-test/1.0");
        assertThat(event.client().ip()).isEqualTo("127.0.0.1");
        assertThat(event.client().port()).isPositive();
        assertThat(event.trace().traceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(event.trace().spanId()).as("a traceparent's parent is the caller's span").isNull();
        assertThat(event.serviceName()).isEqualTo("it-service");
        assertThat(event.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(event.durationNanos()).isPositive();
        assertThat(event.end()).isAfterOrEqualTo(event.start());
        assertThat(event.error()).isNull();
        assertThat(event.user()).isNull();
    }

    @Test
    void eventIsWrittenAsOneEcsJsonLine() throws Exception {
        String id = newId();
        send(request("/echo", id).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":1}")));

        JsonNode line = jsonLineFor(id);
        assertThat(line.path("ecs").path("version").asString()).isEqualTo(EcsFieldMapping.ECS_VERSION);
        assertThat(line.path("http").path("response").path("status_code").asInt()).isEqualTo(200);
        assertThat(line.path("http").path("request").path("body").path("content").asString()).isEqualTo("{\"a\":1}");
        assertThat(line.path("http").path("request").path("headers").path("content-type").isArray()).isTrue();
        assertThat(line.path("url").path("path").asString()).isEqualTo("/echo");
        assertThat(line.path("event").path("duration").asLong()).isPositive();
    }

    @Test
    void readerAndWriterBodiesAreCapturedWithTheirCharset() throws Exception {
        String id = newId();
        String text = "gr\u00fc\u00dfe \u4e16\u754c \uD83D\uDE00";
        HttpResponse<String> response = send(request("/echo-reader", id)
                .header("Content-Type", "text/plain;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)));

        assertThat(response.body()).isEqualTo(text);
        AuditEvent event = exactlyOneEventFor(id);
        int utf8Bytes = text.getBytes(StandardCharsets.UTF_8).length;
        assertThat(event.request().body().content()).isEqualTo(text);
        assertThat(event.request().body().bytes()).isEqualTo(utf8Bytes);
        assertThat(event.response().body().content()).isEqualTo(text);
        assertThat(event.response().body().bytes()).isEqualTo(utf8Bytes);
    }

    @Test
    void writerInADeclaredCharsetIsDecodedWithIt() throws Exception {
        String id = newId();
        HttpResponse<byte[]> response = client.send(request("/latin1", id).build(), HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.body()).containsExactly('c', 'a', 'f', 0xe9);
        AuditEvent event = eventFor(id);
        assertThat(event.response().body().content()).isEqualTo("caf\u00e9");
        assertThat(event.response().body().bytes()).isEqualTo(4L);
    }

    @Test
    void bodiesLargerThanTheLimitStreamInFullWhileTheCopyIsCut() throws Exception {
        String id = newId();
        String big = "abcdefghij".repeat(20_000);
        HttpResponse<String> response = send(request("/echo", id)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(big)));

        assertThat(response.body()).isEqualTo(big);
        AuditEvent event = eventFor(id);
        assertThat(event.request().body().bytes()).isEqualTo(200_000L);
        assertThat(event.request().body().truncated()).isTrue();
        assertThat(event.request().body().content()).isEqualTo(big.substring(0, BODY_LIMIT));
        assertThat(event.response().body().bytes()).isEqualTo(200_000L);
        assertThat(event.response().body().truncated()).isTrue();
        assertThat(event.response().body().content()).hasSize(BODY_LIMIT);
    }

    @Test
    void largeWriterBodyIsCountedInFull() throws Exception {
        String id = newId();
        HttpResponse<String> response = get("/big?size=300000&via=writer", id);

        assertThat(response.body()).hasSize(300_000);
        AuditEvent event = eventFor(id);
        assertThat(event.response().body().bytes()).isEqualTo(300_000L);
        assertThat(event.response().body().content()).hasSize(BODY_LIMIT);
        assertThat(event.response().body().truncated()).isTrue();
    }

    @Test
    void formPostIsReconstructedWithoutQueryParametersAndGetParameterStillWorks() throws Exception {
        String id = newId();
        String form = "name=alice&city=K%C3%B6ln";
        HttpResponse<String> response = send(request("/form?q=search", id)
                .header("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(form)));

        assertThat(response.body()).isEqualTo("name=alice;q=search");
        AuditEvent event = eventFor(id);
        assertThat(event.request().body().reconstructed()).isTrue();
        assertThat(event.request().body().content()).isEqualTo(form);
        assertThat(event.request().body().bytes()).isEqualTo((long) form.length());
        assertThat(event.url().query()).isEqualTo("q=search");
    }

    @Test
    void multipartUploadRecordsSizeAndMimeTypeOnly() throws Exception {
        String id = newId();
        String boundary = "----scenario";
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n"
                + "secret file contents\r\n"
                + "--" + boundary + "--\r\n";
        HttpResponse<String> response = send(request("/multipart", id)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(response.body()).isEqualTo("parts=1");
        AuditEvent event = eventFor(id);
        assertThat(event.request().mimeType()).isEqualTo("multipart/form-data");
        assertThat(event.request().body().content()).isNull();
        assertThat(event.request().body().bytes()).isEqualTo((long) body.length());
        assertThat(event.request().body().read()).isTrue();
    }

    @Test
    void bodyTheApplicationNeverReadIsRecordedAsNotRead() throws Exception {
        String id = newId();
        send(request("/ignore-body", id).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"never\":\"read\"}")));

        AuditEvent event = eventFor(id);
        assertThat(event.request().body().read()).isFalse();
        assertThat(event.request().body().content()).isNull();
        assertThat(event.request().body().bytes()).isEqualTo(16L);
    }

    @Test
    void binaryBodyIsRecordedBySizeOnly() throws Exception {
        String id = newId();
        get("/binary", id);

        AuditEvent event = eventFor(id);
        assertThat(event.response().mimeType()).isEqualTo("image/png");
        assertThat(event.response().body().content()).isNull();
        assertThat(event.response().body().bytes()).isEqualTo(8L);
    }

    @Test
    void bodyExcludedPathIsAuditedWithoutContents() throws Exception {
        String id = newId();
        send(request("/secret-body/x", id).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"card\":\"4111\"}")));

        AuditEvent event = eventFor(id);
        assertThat(event.request().body().content()).isNull();
        assertThat(event.request().body().bytes()).isEqualTo(15L);
        assertThat(event.response().body().content()).isNull();
        assertThat(event.response().body().bytes()).isEqualTo(17L);
    }

    @Test
    void gzipResponseIsDecodedWithinTheLimit() throws Exception {
        String id = newId();
        HttpResponse<byte[]> response = client.send(request("/gzip", id).build(), HttpResponse.BodyHandlers.ofByteArray());

        String expected = "[{\"compressed\":\"yes\",\"i\":0}]";
        assertThat(new String(gunzip(response.body()), StandardCharsets.UTF_8)).isEqualTo(expected);
        AuditEvent event = eventFor(id);
        assertThat(event.response().body().content()).isEqualTo(expected);
        assertThat(event.response().body().bytes()).isEqualTo((long) response.body().length);
        assertThat(event.response().body().truncated()).isFalse();
    }

    @Test
    void largeGzipResponseIsDecodedUpToTheLimitAndMarkedTruncated() throws Exception {
        String id = newId();
        HttpResponse<byte[]> response = client.send(request("/gzip?repeat=5000", id).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(gunzip(response.body()).length).isGreaterThan(100_000);
        AuditEvent event = eventFor(id);
        assertThat(event.response().body().content()).startsWith("[{\"compressed\":\"yes\",\"i\":0},");
        assertThat(event.response().body().content().length()).isLessThanOrEqualTo(BODY_LIMIT);
        assertThat(event.response().body().truncated()).isTrue();
    }

    @Test
    void undecodableContentEncodingIsRecordedAsBinaryNotMojibake() throws Exception {
        String id = newId();
        get("/brotli", id);

        AuditEvent event = eventFor(id);
        assertThat(event.response().body().content()).isNull();
        assertThat(event.response().body().bytes()).isEqualTo(6L);
    }

    @Test
    void resetBufferDiscardsTheCopyToo() throws Exception {
        String id = newId();
        HttpResponse<String> response = get("/reset-buffer", id);

        assertThat(response.body()).isEqualTo("kept");
        assertThat(eventFor(id).response().body().content()).isEqualTo("kept");
    }

    @Test
    void resetDiscardsTheCopyAndKeepsTheCorrelationHeader() throws Exception {
        String id = newId();
        HttpResponse<String> response = get("/reset", id);

        assertThat(response.body()).isEqualTo("after reset");
        assertThat(response.headers().firstValue("X-Temporary")).isEmpty();
        assertThat(response.headers().firstValue("X-Request-ID")).contains(id);
        AuditEvent event = eventFor(id);
        assertThat(event.response().body().content()).isEqualTo("after reset");
        assertThat(event.response().headers()).doesNotContainKey("x-temporary");
    }

    // ---- every path ends in exactly one event --------------------------------------

    @Test
    void exceptionRecords500AndTheRootCause() throws Exception {
        String id = newId();
        HttpResponse<String> response = get("/throw", id);

        assertThat(response.statusCode()).isEqualTo(500);
        AuditEvent event = exactlyOneEventFor(id);
        assertThat(event.response().statusCode()).isEqualTo(500);
        assertThat(event.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(event.error().type()).isEqualTo(IllegalStateException.class.getName());
        assertThat(event.error().message()).isEqualTo("boom root");
    }

    @Test
    void exceptionRenderedByAnErrorPageCapturesTheErrorPageBody() throws Exception {
        String id = newId();
        HttpResponse<String> response = get("/throw-to-error-page", id);

        assertThat(response.statusCode()).isEqualTo(500);
        assertThat(response.body()).isEqualTo("{\"errorPage\":true,\"status\":500}");
        AuditEvent event = exactlyOneEventFor(id);
        assertThat(event.response().statusCode()).isEqualTo(500);
        assertThat(event.response().body().content()).isEqualTo("{\"errorPage\":true,\"status\":500}");
        assertThat(event.error().type()).isEqualTo(TestApp.ErrorPageException.class.getName());
        assertThat(event.error().message()).isEqualTo("page boom");
        assertThat(event.url().path()).isEqualTo("/throw-to-error-page");
    }

    @Test
    void sendErrorWithTheContainersBuiltInPageRecordsStatusWithoutBody() throws Exception {
        String id = newId();
        HttpResponse<String> response = get("/send-error?status=503", id);

        assertThat(response.statusCode()).isEqualTo(503);
        AuditEvent event = exactlyOneEventFor(id);
        assertThat(event.response().statusCode()).isEqualTo(503);
        assertThat(event.outcome()).isEqualTo(Outcome.FAILURE);
        // The built-in page is written outside all filters: documented as not captured.
        assertThat(event.response().body()).isNull();
    }

    @Test
    void sendErrorWithAnErrorPageCapturesTheErrorPageBody() throws Exception {
        String id = newId();
        HttpResponse<String> response = get("/teapot", id);

        assertThat(response.statusCode()).isEqualTo(418);
        assertThat(response.body()).isEqualTo("{\"errorPage\":true,\"status\":418}");
        AuditEvent event = exactlyOneEventFor(id);
        assertThat(event.response().statusCode()).isEqualTo(418);
        assertThat(event.response().body().content()).isEqualTo("{\"errorPage\":true,\"status\":418}");
        assertThat(event.outcome()).as("a 4xx answer is a failure").isEqualTo(Outcome.FAILURE);
    }

    @Test
    void asyncExchangeIsEmittedWhenTheAsyncCycleCompletes() throws Exception {
        String id = newId();
        CompletableFuture<HttpResponse<String>> pending = client.sendAsync(request("/async?mode=complete", id).build(),
                HttpResponse.BodyHandlers.ofString());
        awaitLatch(app.entered);

        // The request dispatch has returned long ago; the exchange is still open.
        assertThat(find(e -> id.equals(e.request().id()))).isEmpty();
        app.gate.countDown();
        HttpResponse<String> response = join(pending);

        assertThat(response.body()).isEqualTo("{\"async\":\"done\"}");
        AuditEvent event = exactlyOneEventFor(id);
        assertThat(event.response().statusCode()).isEqualTo(200);
        assertThat(event.response().body().content()).isEqualTo("{\"async\":\"done\"}");
    }

    @Test
    void concurrentSyncAndAsyncExchangesEachRecordOnlyTheirOwnBodies() throws Exception {
        // Capture arrays are reused per thread between exchanges: exchanges that read their
        // body on another thread (an ASYNC dispatch) and end there, mixed with plain ones, of
        // many sizes within the capture limit, must each record their own bytes, whole.
        int exchanges = 40;
        List<String> ids = new java.util.ArrayList<>();
        List<String> bodies = new java.util.ArrayList<>();
        List<CompletableFuture<HttpResponse<String>>> responses = new java.util.ArrayList<>();
        for (int i = 0; i < exchanges; i++) {
            String id = newId();
            String body = "{\"n\":" + i + ",\"pad\":\"" + String.valueOf((char) ('a' + i % 26)).repeat(20 + i * 24)
                    + "\"}";
            String path = i % 2 == 0 ? "/echo" : "/async?mode=dispatch";
            ids.add(id);
            bodies.add(body);
            responses.add(client.sendAsync(request(path, id).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        for (int i = 0; i < exchanges; i++) {
            assertThat(join(responses.get(i)).body()).isEqualTo(bodies.get(i));
        }

        assertThat(bodies).allMatch(body -> body.length() < BODY_LIMIT);
        for (int i = 0; i < exchanges; i++) {
            AuditEvent event = exactlyOneEventFor(ids.get(i));
            assertThat(event.request().body().content()).as("request of exchange %d", i).isEqualTo(bodies.get(i));
            assertThat(event.response().body().content()).as("response of exchange %d", i).isEqualTo(bodies.get(i));
        }
    }

    @Test
    void asyncTimeoutRecordsAFailureOnce() throws Exception {
        String id = newId();
        HttpResponse<String> response = get("/async?mode=timeout", id);

        assertThat(response.statusCode()).isEqualTo(500);
        AuditEvent event = exactlyOneEventFor(id);
        assertThat(event.response().statusCode()).isEqualTo(500);
        assertThat(event.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(event.error().type()).isEqualTo("java.util.concurrent.TimeoutException");
    }

    @Test
    void asyncDispatchIsCapturedAsPartOfTheSameExchange() throws Exception {
        String id = newId();
        HttpResponse<String> response = get("/async?mode=dispatch", id);

        assertThat(response.body()).isEqualTo("{\"hello\":\"world\"}");
        AuditEvent event = exactlyOneEventFor(id);
        assertThat(event.url().path()).isEqualTo("/async");
        assertThat(event.response().body().content()).isEqualTo("{\"hello\":\"world\"}");
    }

    @Test
    void asyncErrorRecordsTheRootCause() throws Exception {
        String id = newId();
        HttpResponse<String> response = get("/async?mode=dispatch-throw", id);

        assertThat(response.statusCode()).isEqualTo(500);
        AuditEvent event = exactlyOneEventFor(id);
        assertThat(event.response().statusCode()).isEqualTo(500);
        assertThat(event.error().type()).isEqualTo(IllegalStateException.class.getName());
        assertThat(event.error().message()).isEqualTo("boom root");
    }

    @Test
    void headRecordsNoResponseBody() throws Exception {
        String id = newId();
        HttpResponse<String> response = send(request("/head", id).method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertThat(response.statusCode()).isEqualTo(200);
        AuditEvent event = exactlyOneEventFor(id);
        assertThat(event.request().method()).isEqualTo("HEAD");
        assertThat(event.response().statusCode()).isEqualTo(200);
        assertThat(event.response().body()).isNull();
    }

    @Test
    void notModifiedRecords304WithoutBody() throws Exception {
        String id = newId();
        HttpResponse<String> response = send(request("/etag", id).header("If-None-Match", "\"v1\"").GET());

        assertThat(response.statusCode()).isEqualTo(304);
        AuditEvent event = exactlyOneEventFor(id);
        assertThat(event.response().statusCode()).isEqualTo(304);
        assertThat(event.response().body()).isNull();
        assertThat(event.response().headers()).containsEntry("etag", List.of("\"v1\""));
    }

    @Test
    void redirectRecordsStatusAndLocation() throws Exception {
        String id = newId();
        HttpResponse<String> response = get("/redirect", id);

        assertThat(response.statusCode()).isEqualTo(302);
        AuditEvent event = exactlyOneEventFor(id);
        assertThat(event.response().statusCode()).isEqualTo(302);
        assertThat(event.response().headers().get("location")).singleElement()
                .satisfies(location -> assertThat(location).endsWith("/echo?from=redirect"));
    }

    // ---- client aborts ------------------------------------------------------------------

    @Test
    void clientAbortDuringALargeDownloadIsAFailure() throws Exception {
        String id = newId();
        long size = 200L * 1024 * 1024;
        try (Socket socket = rawSocket()) {
            writeAscii(socket.getOutputStream(), "GET /big?size=" + size + " HTTP/1.1\r\nHost: localhost\r\nX-Request-ID: "
                    + id + "\r\n\r\n");
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            long read = 0;
            while (read < 256 * 1024) {
                int n = in.read(buffer);
                assertThat(n).isPositive();
                read += n;
            }
            resetConnection(socket);
        }

        AuditEvent event = exactlyOneEventFor(id);
        assertThat(event.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(event.error()).isNotNull();
        assertThat(event.response().statusCode()).isEqualTo(200);
        assertThat(event.response().body().bytes()).isLessThan(size).isGreaterThan(256 * 1024);
        assertThat(event.response().body().content()).hasSize(BODY_LIMIT);
    }

    @Test
    void clientAbortDuringAnUploadIsAFailure() throws Exception {
        String id = newId();
        try (Socket socket = rawSocket()) {
            OutputStream out = socket.getOutputStream();
            writeAscii(out, "POST /upload HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\nContent-Length: 10000000\r\n"
                    + "X-Request-ID: " + id + "\r\n\r\n");
            out.write("z".repeat(100_000).getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Go away only once the application is reading the body.
            awaitLatch(app.entered);
            resetConnection(socket);
        }

        AuditEvent event = exactlyOneEventFor(id);
        assertThat(event.outcome()).isEqualTo(Outcome.FAILURE);
        assertThat(event.error()).isNotNull();
        assertThat(event.request().body().bytes()).isLessThan(10_000_000L);
    }

    // ---- non-blocking I/O and streaming -------------------------------------------------

    @Test
    void nonBlockingReadAndWriteAreTeed() throws Exception {
        String id = newId();
        String body = "0123456789".repeat(30_000);
        HttpResponse<String> response = send(request("/nio-echo", id).header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(response.body()).isEqualTo(body);
        AuditEvent event = exactlyOneEventFor(id);
        assertThat(event.request().body().bytes()).isEqualTo(300_000L);
        assertThat(event.request().body().content()).isEqualTo(body.substring(0, BODY_LIMIT));
        assertThat(event.response().body().bytes()).isEqualTo(300_000L);
        assertThat(event.response().body().content()).isEqualTo(body.substring(0, BODY_LIMIT));
    }

    @Test
    void nonBlockingWriteOfALargeBodyCompletes() throws Exception {
        String id = newId();
        HttpResponse<String> response = get("/nio-write?size=500000", id);

        assertThat(response.body()).hasSize(500_000);
        AuditEvent event = exactlyOneEventFor(id);
        assertThat(event.response().body().bytes()).isEqualTo(500_000L);
        assertThat(event.response().body().truncated()).isTrue();
    }

    @Test
    void serverSentEventsReachTheClientBeforeTheNextOneIsSent() throws Exception {
        String id = newId();
        HttpResponse<InputStream> response = client.send(request("/sse", id).build(), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            // The server is holding the second event until the gate opens.
            assertThat(lines.readLine()).isEqualTo("data: one");
            assertThat(app.gate.getCount()).as("second event not yet released").isEqualTo(1);
            assertThat(lines.readLine()).isEmpty();
            app.gate.countDown();
            assertThat(lines.readLine()).isEqualTo("data: two");
        }
        AuditEvent event = eventFor(id);
        assertThat(event.response().mimeType()).isEqualTo("text/event-stream");
        assertThat(event.response().body().content()).isEqualTo("data: one\n\ndata: two\n\n");
    }

    // ---- correlation, MDC, identity -----------------------------------------------------

    @Test
    void correlationIdIsInTheMdcOfApplicationLogsAndRestoredAfterwards() throws Exception {
        String id = newId();
        app.mdcAfterChain.clear();
        HttpResponse<String> response = get("/log", id);

        assertThat(response.body()).isEqualTo(id);
        assertThat(appLogLinesWith(id)).extracting(e -> e.getFormattedMessage()).containsExactly("inside the request");
        eventFor(id);
        assertThat(app.mdcAfterChain).contains(TestApp.OUTER_MDC_VALUE);
    }

    @Test
    void correlationIdIsInTheMdcOfAsyncAndErrorDispatches() throws Exception {
        String asyncId = newId();
        get("/log-async", asyncId);
        String errorId = newId();
        get("/throw-to-error-page", errorId);

        assertThat(appLogLinesWith(asyncId)).extracting(e -> e.getFormattedMessage())
                .containsExactly("before going async", "inside the request");
        assertThat(appLogLinesWith(errorId)).extracting(e -> e.getFormattedMessage())
                .containsExactly("rendering the error page");
        assertThat(exactlyOneEventFor(asyncId).response().body().content()).isEqualTo(asyncId);
    }

    @Test
    void generatedCorrelationIdIsExposedWhenNoneIsSent() throws Exception {
        String marker = newId();
        HttpResponse<String> response = get("/log?marker=" + marker, null);

        String generated = response.headers().firstValue("X-Request-ID").orElseThrow();
        assertThat(generated).matches("[0-9a-f]{32}");
        assertThat(response.body()).isEqualTo(generated);
        AuditEvent event = eventMatching(e -> ("marker=" + marker).equals(e.url().query()));
        assertThat(event.request().id()).isEqualTo(generated);
    }

    @Test
    void invalidInboundCorrelationIdIsNeverUsedNorEchoed() throws Exception {
        String marker = newId();
        String invalid = "bad id <script>";
        HttpResponse<String> response = send(request("/echo?marker=" + marker, null)
                .header("X-Request-ID", invalid).header("X-Correlation-ID", "x".repeat(129)).GET());

        String echoed = response.headers().firstValue("X-Request-ID").orElseThrow();
        assertThat(echoed).isNotEqualTo(invalid).matches("[0-9a-f]{32}");
        AuditEvent event = eventMatching(e -> ("marker=" + marker).equals(e.url().query()));
        assertThat(event.request().id()).isEqualTo(echoed);
    }

    @Test
    void secondCorrelationHeaderIsUsedWhenTheFirstIsAbsent() throws Exception {
        String id = "corr:" + UUID().replace("-", "_");
        send(request("/echo", null).header("X-Correlation-ID", id).GET());

        assertThat(eventFor(id).request().id()).isEqualTo(id);
    }

    private static String UUID() {
        return java.util.UUID.randomUUID().toString();
    }

    @Test
    void principalIsReadAtTheEndOfTheExchange() throws Exception {
        String id = newId();
        get("/login-during-request", id);

        assertThat(eventFor(id).user().name()).isEqualTo("alice");
    }

    // ---- client address -------------------------------------------------------------------

    @Test
    void forwardedForFromAnUntrustedPeerIsIgnored() throws Exception {
        String id = newId();
        send(request("/echo", id).header("X-Forwarded-For", "203.0.113.66")
                .header("Forwarded", "for=198.51.100.1;proto=https;host=evil.example")
                .header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "evil.example").GET());

        AuditEvent event = eventFor(id);
        assertThat(event.client().ip()).isEqualTo("127.0.0.1");
        assertThat(event.url().scheme()).isEqualTo("http");
        assertThat(event.url().domain()).isEqualTo("127.0.0.1");
    }

    @Test
    void forwardedForFromATrustedProxyGivesTheRightmostUntrustedAddress() throws Exception {
        String id = newId();
        send(request("/proxied/x", id)
                .header("X-Forwarded-For", "6.6.6.6, 203.0.113.9, 10.1.2.3")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "shop.example").GET());

        AuditEvent event = eventFor(id);
        assertThat(event.client().ip()).as("the spoofable leftmost entry is not believed").isEqualTo("203.0.113.9");
        assertThat(event.client().port()).isNull();
        assertThat(event.url().scheme()).isEqualTo("https");
        assertThat(event.url().domain()).isEqualTo("shop.example");
        assertThat(event.url().port()).isEqualTo(443);
    }

    @Test
    void forwardedHeaderFromATrustedProxyIsParsed() throws Exception {
        String id = newId();
        send(request("/proxied/x", id)
                .header("Forwarded", "for=\"[2001:db8:cafe::17]:4711\";proto=https;host=api.example:8443").GET());

        AuditEvent event = eventFor(id);
        assertThat(event.client().ip()).isEqualTo("2001:db8:cafe:0:0:0:0:17");
        assertThat(event.url().scheme()).isEqualTo("https");
        assertThat(event.url().domain()).isEqualTo("api.example");
        assertThat(event.url().port()).isEqualTo(8443);
    }

    @Test
    void hostNameInForwardedForIsNeitherResolvedNorBelieved() throws Exception {
        String id = newId();
        send(request("/proxied/x", id).header("X-Forwarded-For", "localhost").GET());

        assertThat(eventFor(id).client().ip()).isEqualTo("127.0.0.1");
    }

    // ---- path rules ---------------------------------------------------------------------

    @Test
    void excludedPathIsNeitherAuditedNorWrapped() throws Exception {
        String id = newId();
        HttpResponse<String> response = get("/public/hello", id);

        assertThat(response.body()).isEqualTo("wrapped=false");
        assertThat(response.headers().firstValue("X-Request-ID")).isEmpty();
        String barrier = newId();
        get("/echo", barrier);
        eventFor(barrier);
        assertThat(find(e -> id.equals(e.request().id()))).isEmpty();
    }

    @Test
    void craftedPathsCannotDodgeTheRules() throws Exception {
        List<String> attempts = List.of("/public/../admin/panel", "/public/%2e%2e/admin/panel", "/public/..;/admin/panel",
                "/admin;x=y/panel", "//admin/panel", "/%2e/admin/panel", "/public/.%2e/admin/panel");
        int served = 0;
        for (String attempt : attempts) {
            String id = newId();
            HttpResponse<String> response = get(attempt, id);
            if (response.statusCode() == 200 && response.body().equals("admin")) {
                served++;
                AuditEvent event = eventFor(id);
                assertThat(event.url().path()).as(attempt).isEqualTo(attempt.split("\\?")[0]);
            } else {
                // The container refused the URL itself: nothing was served, nothing to audit.
                assertThat(response.statusCode()).as(attempt).isGreaterThanOrEqualTo(400);
            }
        }
        assertThat(served).as("at least some crafted paths reach the servlet").isPositive();
    }

    // ---- failures of auditing ---------------------------------------------------------------

    @Test
    void failingSinkAndResolversNeverChangeTheResponse() throws Exception {
        long failedBefore = fragilePipeline.counters().failed();
        String id = newId();
        HttpResponse<String> response = get("/fragile/x", id);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("fragile ok");
        assertThat(response.headers().firstValue("X-Request-ID")).contains(id);
        await().atMost(Duration.ofSeconds(10)).until(() -> fragilePipeline.counters().failed() > failedBefore);
    }
}
