package dev.httpaudit.client;

import java.io.IOException;
import java.io.InputStream;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpRequest;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * Audits the calls of a Spring {@code RestClient} or {@code RestTemplate}: add it with
 * {@code RestClient.Builder.requestInterceptor} or {@code RestTemplate.getInterceptors().add}
 * (the Spring Boot starter does it for every builder Boot provides).
 *
 * <p>The request body is the byte array Spring hands to interceptors (captured up to the
 * limit); the response body is teed as the application reads it, never buffered, so a
 * streamed or large download stays streamed. One event per call, emitted when the body has
 * been read to its end or the response is closed (which {@code RestClient} and
 * {@code RestTemplate} do once they have extracted it), or when the call fails without a
 * response (connect refused, timeout, reset): then the exception is recorded and rethrown
 * unchanged. Works on Spring Framework 6.2 and 7.
 */
public final class AuditingClientHttpRequestInterceptor implements ClientHttpRequestInterceptor {

    private final OutgoingCallAuditor auditor;

    private AuditingClientHttpRequestInterceptor(OutgoingCallAuditor auditor) {
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    /** An interceptor recording through {@code auditor}. */
    public static AuditingClientHttpRequestInterceptor of(OutgoingCallAuditor auditor) {
        return new AuditingClientHttpRequestInterceptor(auditor);
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        OutgoingCall call = OutgoingCall.start(auditor, request.getMethod().name(), request.getURI());
        if (call == null) {
            return execution.execute(request, body);
        }
        try {
            SpringHeaders.link(call, request.getHeaders());
            call.requestHeaders(SpringHeaders.copy(request.getHeaders()));
            if (body.length > 0) {
                call.requestBody().write(body, 0, body.length);
            }
        } catch (RuntimeException e) {
            auditor.pipeline().reportFailure(e);
        }
        ClientHttpResponse response;
        try {
            response = execution.execute(request, body);
        } catch (IOException | RuntimeException | Error e) {
            call.fail(e);
            throw e;
        }
        try {
            call.responded(response.getStatusCode().value(), null, SpringHeaders.copy(response.getHeaders()));
            return new AuditedResponse(response, call);
        } catch (IOException | RuntimeException e) {
            // the response is the application's, even when it cannot be recorded
            call.fail(e);
            return response;
        }
    }

    /** The response, its body teed as it is read; reaching its end or closing it ends the call. */
    private static final class AuditedResponse implements ClientHttpResponse {
        private final ClientHttpResponse delegate;
        private final OutgoingCall call;
        private InputStream body;

        AuditedResponse(ClientHttpResponse delegate, OutgoingCall call) {
            this.delegate = delegate;
            this.call = call;
        }

        @Override
        public HttpStatusCode getStatusCode() throws IOException {
            return delegate.getStatusCode();
        }

        @Override
        public String getStatusText() throws IOException {
            return delegate.getStatusText();
        }

        @Override
        public HttpHeaders getHeaders() {
            return delegate.getHeaders();
        }

        @Override
        public InputStream getBody() throws IOException {
            if (body == null) {
                InputStream raw;
                try {
                    raw = delegate.getBody();
                } catch (IOException | RuntimeException e) {
                    call.fail(e);
                    throw e;
                }
                body = new TeeInputStream(raw, call);
            }
            return body;
        }

        @Override
        public void close() {
            try {
                delegate.close();
            } finally {
                call.complete();
            }
        }
    }
}
