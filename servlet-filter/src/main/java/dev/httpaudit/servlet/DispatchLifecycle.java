package dev.httpaudit.servlet;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.ExchangeContext;
import dev.httpaudit.core.internal.MdcScope;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletRequestWrapper;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.ServletResponseWrapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The dispatches of one exchange and its end: what the filter does when a dispatch enters
 * (the MDC, the wrappers) and leaves (the route, and whether the exchange ends now, at
 * {@code onComplete}, at the end of an ERROR dispatch, or after a grace period), and the one
 * emission of its event. The states and their moves are those of {@link ExchangeState}.
 *
 * <p>Every method is guarded: a failure of auditing is counted and never reaches the application.
 */
final class DispatchLifecycle {

    /** What the filter hands to the chain for one dispatch, and the MDC to restore after it. */
    record Dispatch(ServletRequest request, ServletResponse response, DispatcherType type, MdcScope mdc) {
    }

    private final Exchange exchange;
    private final AtomicReference<ExchangeState> state = new AtomicReference<>(ExchangeState.OPEN);
    private volatile boolean errorDispatched;
    private volatile @Nullable String route;
    private volatile @Nullable ExchangeAsyncListener asyncListener;

    DispatchLifecycle(Exchange exchange) {
        this.exchange = exchange;
    }

    boolean isCompleted() {
        return state.get() == ExchangeState.COMPLETED;
    }

    /** True once an ERROR dispatch took the exchange over: the error page's status and body are the response's. */
    boolean errorDispatched() {
        return errorDispatched;
    }

    /** The route the route resolver gave at the end of the first dispatch that had one. */
    @Nullable String route() {
        return route;
    }

    /** Called when a dispatch of this exchange enters the filter: MDC, wrappers. Never throws. */
    Dispatch enter(HttpServletRequest currentRequest, HttpServletResponse currentResponse, DispatcherType type) {
        MdcScope mdc = exchange.mdc().enter();
        try {
            if (type == DispatcherType.ERROR) {
                if (move(ExchangeState.ERROR_DISPATCH)) {
                    errorDispatched = true;
                }
                // The container discarded its uncommitted buffer before rendering the error page.
                if (!currentResponse.isCommitted()) {
                    exchange.responseBody().discarded();
                }
            }
            ServletResponse wrappedResponse = ours(currentResponse) ? currentResponse
                    : new AuditedResponse(currentResponse, exchange);
            ServletRequest wrappedRequest = ours(currentRequest) ? currentRequest
                    : new AuditedRequest(currentRequest, wrappedResponse, exchange);
            return new Dispatch(wrappedRequest, wrappedResponse, type, mdc);
        } catch (RuntimeException | LinkageError e) {
            exchange.auditor().reportFailure(e);
            return new Dispatch(currentRequest, currentResponse, type, mdc);
        }
    }

    /** Called when a dispatch leaves the filter (normally or not). Never throws. */
    void exit(Dispatch dispatch, HttpServletRequest currentRequest) {
        try {
            // Still on the dispatch's thread, inside its MDC: what an enricher may read later.
            exchange.mdc().snapshotForEnrichers();
            if (route == null) {
                exchange.auditor().safely(() -> route = exchange.auditor().routes().resolve(currentRequest));
            }
            if (currentRequest.isAsyncStarted()) {
                // The async cycle goes on; onComplete ends the exchange.
                if (asyncListener == null) {
                    asyncStarted(currentRequest.getAsyncContext());
                }
                return;
            }
            ExchangeOutcome outcome = exchange.outcome();
            if (dispatch.type() == DispatcherType.REQUEST && (outcome.sendErrorStatus() != null || outcome.thrown() != null)) {
                // The container now either dispatches an error page (whose body is the
                // response body: the ERROR dispatch's exit ends the exchange) or writes its
                // own page outside all filters. No portable signal tells which, so the event
                // is prepared now, while the request is live, and emitted shortly unless an
                // ERROR dispatch takes the exchange over.
                endUnlessErrorDispatched();
                return;
            }
            complete();
        } catch (RuntimeException | LinkageError e) {
            exchange.auditor().reportFailure(e);
        } finally {
            dispatch.mdc().close();
        }
    }

    /** The application started async processing: the exchange ends in onComplete. */
    void asyncStarted(AsyncContext context) {
        exchange.auditor().safely(() -> {
            ExchangeAsyncListener listener;
            synchronized (this) {
                if (asyncListener != null) {
                    return;
                }
                listener = new ExchangeAsyncListener(this, exchange.outcome(), exchange.auditor());
                asyncListener = listener;
            }
            context.addListener(listener);
        });
    }

    /**
     * Emits the event, once: the exchange is over (its last dispatch returned, or the
     * container completed its async cycle), so nothing writes to its bodies any more and
     * their copies, decoded into the event, are released.
     */
    void complete() {
        if (move(ExchangeState.COMPLETED)) {
            emit(System.nanoTime());
            exchange.auditor().safely(exchange::releaseCaptures);
        }
    }

    private void emit(long endNanos) {
        try {
            exchange.auditor().emit(EventAssembler.prepare(exchange, endNanos).build(), enricherContext());
        } catch (RuntimeException | LinkageError e) {
            // The event is lost: count it like any other lost event.
            exchange.auditor().failed(e);
        }
    }

    /**
     * Snapshots the event now and has it emitted after a grace period, unless an ERROR
     * dispatch has started by then (containers start it right after the request dispatch
     * returns, on the same thread), in which case that dispatch's exit emits it.
     */
    private void endUnlessErrorDispatched() {
        AuditEvent.Builder prepared;
        ExchangeContext context;
        try {
            prepared = EventAssembler.prepare(exchange, System.nanoTime());
            context = enricherContext();
        } catch (RuntimeException | LinkageError e) {
            if (move(ExchangeState.COMPLETED)) {
                exchange.auditor().failed(e);
            }
            return;
        }
        if (!move(ExchangeState.AWAITING_ERROR_DISPATCH)) {
            return;
        }
        exchange.auditor().later(() -> {
            if (state.compareAndSet(ExchangeState.AWAITING_ERROR_DISPATCH, ExchangeState.COMPLETED)) {
                exchange.auditor().emit(prepared.build(), context);
            }
        });
    }

    /** What the enrichers may read of this exchange, taken now; empty when the pipeline has none. */
    private ExchangeContext enricherContext() {
        if (!exchange.auditor().hasEnrichers()) {
            return ExchangeContext.empty();
        }
        return ExchangeContext.of(ExchangeAttributes.of(exchange.request()), exchange.mdc().enricherSnapshot());
    }

    /** Moves to {@code next} if the current state allows it; false when it does not (or another thread moved first). */
    private boolean move(ExchangeState next) {
        ExchangeState from = state.get();
        while (from.canBecome(next)) {
            if (state.compareAndSet(from, next)) {
                return true;
            }
            from = state.get();
        }
        return false;
    }

    /** True when {@code current} is, or wraps, this exchange's request wrapper (a later dispatch re-uses it). */
    private boolean ours(ServletRequest current) {
        // non-capturing lambdas: made once, not per dispatch
        return inChain(current, exchange, r -> r instanceof AuditedRequest audited ? audited.exchange() : null,
                r -> r instanceof ServletRequestWrapper wrapper ? wrapper.getRequest() : null);
    }

    /** True when {@code current} is, or wraps, this exchange's response wrapper. */
    private boolean ours(ServletResponse current) {
        return inChain(current, exchange, r -> r instanceof AuditedResponse audited ? audited.exchange() : null,
                r -> r instanceof ServletResponseWrapper wrapper ? wrapper.getResponse() : null);
    }

    /**
     * Walks a chain of wrappers from the outermost (at most 64 deep: a cycle must not hang
     * the request), looking for one of {@code exchange}'s own.
     */
    private static <T> boolean inChain(T outermost, Exchange exchange, Function<T, @Nullable Exchange> exchangeOf,
                                       Function<T, @Nullable T> unwrap) {
        T current = outermost;
        for (int depth = 0; depth < 64 && current != null; depth++) {
            if (exchangeOf.apply(current) == exchange) {
                return true;
            }
            current = unwrap.apply(current);
        }
        return false;
    }
}
