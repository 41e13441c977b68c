package dev.httpaudit.client;

import dev.httpaudit.core.internal.BoundedCapture;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Publisher;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.client.reactive.ClientHttpRequest;
import org.springframework.http.client.reactive.ClientHttpRequestDecorator;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Audits the calls of a Spring {@code WebClient}: add it with
 * {@code WebClient.Builder.filter} (the Spring Boot starter does it for every
 * {@code WebClient.Builder} Boot provides).
 *
 * <p>Both bodies are teed as their {@code DataBuffer}s flow, each buffer passed on unchanged
 * and copied only up to the capture limit, so a streamed or large download stays streamed.
 * One event per subscription, emitted when the response body completes, fails or is
 * cancelled, or when the call fails without a response (connect refused, timeout, reset):
 * then the error is recorded and passed on unchanged; a call cancelled before its response
 * is recorded as failed with a {@link CancellationException}.
 *
 * <p>A reactive call may run on another thread than the one that made it: the link to the
 * request being served (correlation ID, trace) is read from the MDC when {@link #filter} is
 * called, which {@code WebClient} does on the thread that subscribes. Tested on Spring
 * Framework 7; it uses no API newer than 6.0.
 */
public final class AuditingExchangeFilterFunction implements ExchangeFilterFunction {

    private final OutgoingCallAuditor auditor;

    private AuditingExchangeFilterFunction(OutgoingCallAuditor auditor) {
        this.auditor = Objects.requireNonNull(auditor, "auditor");
    }

    /** A filter recording through {@code auditor}. */
    public static AuditingExchangeFilterFunction of(OutgoingCallAuditor auditor) {
        return new AuditingExchangeFilterFunction(auditor);
    }

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        OutgoingCall first = OutgoingCall.start(auditor, request.method().name(), request.url());
        if (first == null) {
            return next.exchange(request);
        }
        AtomicBoolean firstUsed = new AtomicBoolean();
        return Mono.defer(() -> exchange(firstUsed.compareAndSet(false, true) ? first : first.again(), request, next));
    }

    /** One subscription: the request linked and teed, the response teed, one event. */
    private Mono<ClientResponse> exchange(OutgoingCall call, ClientRequest request, ExchangeFunction next) {
        ClientRequest audited;
        try {
            audited = ClientRequest.from(request)
                    .headers(headers -> SpringHeaders.link(call, headers))
                    .body((message, context) -> request.body().insert(new TeedRequest(message, call), context))
                    .build();
            call.requestHeaders(SpringHeaders.copy(audited.headers()));
        } catch (RuntimeException e) {
            auditor.pipeline().reportFailure(e);
            return next.exchange(request);
        }
        // an operator downstream may cancel once it has the response: only a cancel before it is a failure
        AtomicBoolean answered = new AtomicBoolean();
        return next.exchange(audited)
                .doOnError(call::fail)
                .doOnCancel(() -> {
                    if (!answered.get()) {
                        call.fail(new CancellationException("the call was cancelled before its response"));
                    }
                })
                .map(response -> {
                    answered.set(true);
                    return teed(call, response);
                });
    }

    private ClientResponse teed(OutgoingCall call, ClientResponse response) {
        try {
            call.responded(response.statusCode().value(), null, SpringHeaders.copy(response.headers().asHttpHeaders()));
            return response.mutate()
                    .body(body -> body
                            .doOnNext(buffer -> tee(call.responseBody(), buffer))
                            .doOnError(call::fail)
                            .doFinally(signal -> call.complete()))
                    .build();
        } catch (RuntimeException e) {
            // the response is the application's, even when it cannot be recorded
            call.fail(e);
            return response;
        }
    }

    private void tee(BoundedCapture capture, DataBuffer buffer) {
        try (DataBuffer.ByteBufferIterator parts = buffer.readableByteBuffers()) {
            while (parts.hasNext()) {
                capture.write(parts.next());
            }
        } catch (RuntimeException e) {
            auditor.pipeline().reportFailure(e);
        }
    }

    /** The request as the connector writes it: its headers recorded as sent, its body teed. */
    private final class TeedRequest extends ClientHttpRequestDecorator {
        private final OutgoingCall call;

        TeedRequest(ClientHttpRequest delegate, OutgoingCall call) {
            super(delegate);
            this.call = call;
        }

        @Override
        public Mono<Void> writeWith(Publisher<? extends DataBuffer> body) {
            sent();
            return super.writeWith(Flux.from(body).doOnNext(buffer -> tee(call.requestBody(), buffer)));
        }

        @Override
        public Mono<Void> writeAndFlushWith(Publisher<? extends Publisher<? extends DataBuffer>> body) {
            sent();
            return super.writeAndFlushWith(Flux.from(body)
                    .map(part -> Flux.from(part).doOnNext(buffer -> tee(call.requestBody(), buffer))));
        }

        @Override
        public Mono<Void> setComplete() {
            sent();
            return super.setComplete();
        }

        private void sent() {
            try {
                call.requestHeaders(SpringHeaders.copy(getHeaders()));
            } catch (RuntimeException e) {
                auditor.pipeline().reportFailure(e);
            }
        }
    }
}
