package dev.httpaudit.client;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;
import org.jspecify.annotations.Nullable;

/** The JDK client's side of a call: the request linked and teed, the response's body tee. */
final class JdkCalls {

    private JdkCalls() {
    }

    /**
     * {@code request} with the correlation header and {@code traceparent} added (where it has
     * none) and its body publisher teed; {@code null} when that fails, and then the call is
     * sent as it was, unaudited (the failure reported, never thrown).
     */
    static @Nullable HttpRequest prepare(OutgoingCall call, HttpRequest request, OutgoingCallAuditor auditor) {
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(request, (name, value) -> true);
            String header = call.correlationHeader();
            if (header != null && request.headers().firstValue(header).isEmpty()) {
                builder.header(header, call.correlationId());
            }
            String traceparent = call.traceparent();
            if (traceparent != null && request.headers().firstValue("traceparent").isEmpty()) {
                builder.header("traceparent", traceparent);
            }
            request.bodyPublisher().ifPresent(publisher ->
                    builder.method(request.method(), new TeePublisher(publisher, call)));
            HttpRequest prepared = builder.build();
            call.requestHeaders(prepared.headers().map());
            return prepared;
        } catch (RuntimeException e) {
            auditor.pipeline().reportFailure(e);
            return null;
        }
    }

    /** A handler that records the status and headers, and tees the body the application's handler gets. */
    static <T> HttpResponse.BodyHandler<T> tee(OutgoingCall call, HttpResponse.BodyHandler<T> handler) {
        return info -> {
            call.responded(info.statusCode(), version(info.version()), info.headers().map());
            return new TeeSubscriber<>(handler.apply(info), call);
        };
    }

    private static String version(HttpClient.Version version) {
        return version == HttpClient.Version.HTTP_2 ? "2" : "1.1";
    }

    /** Tees the request body as the client pulls it; a resubscription (a redirect, a retry) starts over. */
    private record TeePublisher(HttpRequest.BodyPublisher delegate, OutgoingCall call) implements HttpRequest.BodyPublisher {

        @Override
        public long contentLength() {
            return delegate.contentLength();
        }

        @Override
        public void subscribe(Flow.Subscriber<? super ByteBuffer> subscriber) {
            var capture = call.requestBody();
            capture.reset();
            delegate.subscribe(new Flow.Subscriber<ByteBuffer>() {
                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscriber.onSubscribe(subscription);
                }

                @Override
                public void onNext(ByteBuffer item) {
                    capture.write(item);
                    subscriber.onNext(item);
                }

                @Override
                public void onError(Throwable throwable) {
                    subscriber.onError(throwable);
                }

                @Override
                public void onComplete() {
                    subscriber.onComplete();
                }
            });
        }
    }

    /**
     * Tees the response body on its way to the application's subscriber, and ends the call
     * when the body ends: completed, failed, or cancelled by the application.
     */
    private static final class TeeSubscriber<T> implements HttpResponse.BodySubscriber<T> {
        private final HttpResponse.BodySubscriber<T> delegate;
        private final OutgoingCall call;

        TeeSubscriber(HttpResponse.BodySubscriber<T> delegate, OutgoingCall call) {
            this.delegate = delegate;
            this.call = call;
        }

        @Override
        public CompletionStage<T> getBody() {
            return delegate.getBody();
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            delegate.onSubscribe(new Flow.Subscription() {
                @Override
                public void request(long n) {
                    subscription.request(n);
                }

                @Override
                public void cancel() {
                    subscription.cancel();
                    call.complete();
                }
            });
        }

        @Override
        public void onNext(List<ByteBuffer> item) {
            var capture = call.responseBody();
            for (ByteBuffer buffer : item) {
                capture.write(buffer);
            }
            delegate.onNext(item);
        }

        @Override
        public void onError(Throwable throwable) {
            call.fail(throwable);
            delegate.onError(throwable);
        }

        @Override
        public void onComplete() {
            call.complete();
            delegate.onComplete();
        }
    }
}
