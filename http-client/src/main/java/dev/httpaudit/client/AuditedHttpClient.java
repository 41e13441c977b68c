package dev.httpaudit.client;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import org.jspecify.annotations.Nullable;

/**
 * A JDK {@link HttpClient} that audits every call it sends through another one: the JDK
 * client has no interceptor hook, so {@code send} and {@code sendAsync} are wrapped. The
 * request body is teed as the client pulls it from its {@code BodyPublisher}, and the
 * response body as it flows into the application's {@code BodySubscriber}, each into a
 * capture bounded by {@link OutgoingCallAuditor.Builder#bodyMaxBytes}: a download of any
 * size streams through untouched in a small heap, whatever the body handler.
 *
 * <p>One event per call, emitted when the response body ends (completes, fails, or the
 * application cancels it, for example by closing the stream of {@code ofInputStream}), or
 * when the call fails without a response (connect refused, timeout, reset): then the
 * exception is recorded and rethrown unchanged. Push promises are not audited. Everything
 * else (configuration, WebSockets) is the delegate's; on Java 21 and later, close or shut
 * down the delegate itself.
 */
public final class AuditedHttpClient extends HttpClient {

    private final HttpClient delegate;
    private final OutgoingCallAuditor auditor;

    private AuditedHttpClient(HttpClient delegate, OutgoingCallAuditor auditor) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    /** A client that audits every call {@code delegate} makes for it. */
    public static AuditedHttpClient wrap(HttpClient delegate, OutgoingCallAuditor auditor) {
        return new AuditedHttpClient(delegate, auditor);
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        OutgoingCall call = OutgoingCall.start(auditor, request.method(), request.uri());
        HttpRequest audited = call == null ? null : JdkCalls.prepare(call, request, auditor);
        if (audited == null) {
            return delegate.send(request, handler);
        }
        try {
            return delegate.send(audited, JdkCalls.tee(call, handler));
        } catch (IOException | InterruptedException | RuntimeException | Error e) {
            call.fail(e);
            throw e;
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return sendAsync(request, handler, null);
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
                                                            HttpResponse.@Nullable PushPromiseHandler<T> pushPromiseHandler) {
        OutgoingCall call = OutgoingCall.start(auditor, request.method(), request.uri());
        HttpRequest audited = call == null ? null : JdkCalls.prepare(call, request, auditor);
        if (audited == null) {
            return delegate.sendAsync(request, handler, pushPromiseHandler);
        }
        CompletableFuture<HttpResponse<T>> future;
        try {
            future = delegate.sendAsync(audited, JdkCalls.tee(call, handler), pushPromiseHandler);
        } catch (RuntimeException | Error e) {
            call.fail(e);
            throw e;
        }
        // the side effect only: the application keeps the client's own future
        future.whenComplete((response, failure) -> {
            if (failure != null) {
                call.fail(failure);
            }
        });
        return future;
    }

    @Override
    public Optional<CookieHandler> cookieHandler() {
        return delegate.cookieHandler();
    }

    @Override
    public Optional<Duration> connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Redirect followRedirects() {
        return delegate.followRedirects();
    }

    @Override
    public Optional<ProxySelector> proxy() {
        return delegate.proxy();
    }

    @Override
    public SSLContext sslContext() {
        return delegate.sslContext();
    }

    @Override
    public SSLParameters sslParameters() {
        return delegate.sslParameters();
    }

    @Override
    public Optional<Authenticator> authenticator() {
        return delegate.authenticator();
    }

    @Override
    public Version version() {
        return delegate.version();
    }

    @Override
    public Optional<Executor> executor() {
        return delegate.executor();
    }

    /** The delegate's WebSocket builder: WebSocket traffic is not audited. */
    @Override
    public WebSocket.Builder newWebSocketBuilder() {
        return delegate.newWebSocketBuilder();
    }
}
