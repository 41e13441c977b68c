package dev.httpaudit.servlet;

import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.AuditSink;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.EnumSet;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The audit filter: one {@link dev.httpaudit.core.AuditEvent} per audited HTTP exchange,
 * written through an {@link AuditPipeline} (enrich, redact, fit, sink).
 *
 * <p>Register it for the {@code REQUEST}, {@code ASYNC} and {@code ERROR} dispatcher types
 * ({@link #dispatcherTypes()}), as early in the chain as possible, with async support;
 * {@link #register(ServletContext)} does this. The exchange's state travels in a request
 * attribute across dispatches, and its one event is emitted at the real end: when the last
 * dispatch returns, at {@code AsyncListener.onComplete}, or, for a request dispatch that
 * ended with an exception or {@code sendError}, at the end of the ERROR dispatch that renders
 * the error page. When the container renders its own built-in page instead (no ERROR
 * dispatch comes), the event, prepared when the request dispatch returned, is emitted a
 * moment later (its timing is that of the request dispatch).
 *
 * <p>What each path records:
 * <ul>
 *   <li>normal return: status, headers, bodies; emitted when the dispatch returns;</li>
 *   <li>exception: status 500 (or what an error page set), {@code error.type}/{@code message}
 *       of the root cause; the error page's body when rendered through an ERROR dispatch;</li>
 *   <li>{@code sendError}: its status; the error page's body when one is dispatched. A
 *       container's built-in error page is written outside all filters: its body is not
 *       captured, status and error still are;</li>
 *   <li>async: emitted at {@code onComplete}, with the duration of the whole cycle; a timeout
 *       records status 500 (unless the application answered) and a
 *       {@code TimeoutException}; an async error records its cause;</li>
 *   <li>client abort (an I/O error on a body stream, or an async/non-blocking
 *       {@code onError}): outcome {@code failure}, the I/O error, status 0 when nothing had
 *       been committed;</li>
 *   <li>{@code HEAD}, {@code 304}, {@code 204}: no response body (nothing is sent);
 *       redirects: status and {@code location} header.</li>
 * </ul>
 *
 * <p>The correlation ID is exposed as the request attribute {@link #CORRELATION_ID_ATTRIBUTE},
 * echoed in the configured response header before the response commits, and put in the
 * SLF4J MDC on every dispatch (and around non-blocking I/O callbacks), restoring the
 * previous value afterwards. A failure of auditing never changes the response and never
 * reaches the application.
 *
 * <p>The event may be emitted on the request thread, a container thread ({@code onComplete})
 * or the deferred-end thread. When the pipeline has enrichers, the request's attributes (at
 * the end of the exchange) and the MDC (when its last dispatch left this filter) are captured
 * on the request's side and handed to them as a {@link dev.httpaudit.core.ExchangeContext}, so
 * that no enricher depends on the thread it runs on.
 */
public final class AuditFilter implements Filter {

    /** Request attribute holding the exchange's correlation ID (a {@code String}). */
    public static final String CORRELATION_ID_ATTRIBUTE = "dev.httpaudit.correlation_id";

    /** The name {@link #register(ServletContext)} gives the filter. */
    public static final String FILTER_NAME = "httpAuditFilter";


    private final Auditor auditor;

    private AuditFilter(Builder builder) {
        this.auditor = new Auditor(builder.pipeline, builder.config, builder.userResolver,
                builder.correlationIdResolver, builder.traceResolver, builder.routeResolver);
    }

    /** A builder for a filter emitting through {@code pipeline}. */
    public static Builder builder(AuditPipeline pipeline) {
        return new Builder(Objects.requireNonNull(pipeline, "pipeline"));
    }

    /** A builder for a filter writing to {@code sink} through a default pipeline. */
    public static Builder builder(AuditSink sink) {
        return builder(AuditPipeline.of(sink));
    }

    /** A filter with the default configuration writing to {@code sink}. */
    public static AuditFilter of(AuditSink sink) {
        return builder(sink).build();
    }

    /** The dispatcher types the filter must be mapped for: REQUEST, ASYNC and ERROR. */
    public static EnumSet<DispatcherType> dispatcherTypes() {
        return EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
    }

    /**
     * Registers this filter on {@code context} for every path, the three dispatcher types
     * and async support, before any filter declared in {@code web.xml}. Call it while the
     * context is being initialized (from a {@link jakarta.servlet.ServletContainerInitializer}
     * or an embedded server's set-up).
     *
     * @return the filter registration, for adding init parameters or changing the mapping
     */
    public FilterRegistration.Dynamic register(ServletContext context) {
        return register(context, FILTER_NAME);
    }

    /** Like {@link #register(ServletContext)}, under another filter name (for a second filter). */
    public FilterRegistration.Dynamic register(ServletContext context, String filterName) {
        FilterRegistration.Dynamic registration = context.addFilter(filterName, this);
        registration.setAsyncSupported(true);
        registration.addMappingForUrlPatterns(dispatcherTypes(), false, "/*");
        return registration;
    }

    /** The configuration in use. */
    public AuditFilterConfig config() {
        return auditor.config();
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!(request instanceof HttpServletRequest httpRequest) || !(response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response);
            return;
        }
        long startNanos = System.nanoTime();
        DispatcherType type = httpRequest.getDispatcherType();
        Exchange exchange = Exchange.of(httpRequest);
        if (exchange == null) {
            // A new exchange starts with its REQUEST dispatch, or with an ERROR dispatch for a
            // request the container refused before any filter ran.
            exchange = type == DispatcherType.REQUEST || type == DispatcherType.ERROR
                    ? auditor.begin(httpRequest, httpResponse, startNanos) : null;
            if (exchange == null) {
                chain.doFilter(request, response);
                return;
            }
        } else if (exchange.auditor() != auditor || exchange.lifecycle().isCompleted()
                || type == DispatcherType.FORWARD || type == DispatcherType.INCLUDE) {
            // Another audit filter owns this exchange, or it is over, or a nested dispatch
            // runs inside the wrappers already in place.
            chain.doFilter(request, response);
            return;
        }
        DispatchLifecycle lifecycle = exchange.lifecycle();
        DispatchLifecycle.Dispatch dispatch = lifecycle.enter(httpRequest, httpResponse, type);
        try {
            chain.doFilter(dispatch.request(), dispatch.response());
        } catch (IOException | ServletException | RuntimeException | Error e) {
            exchange.outcome().recordThrown(e, httpResponse);
            throw e;
        } finally {
            lifecycle.exit(dispatch, httpRequest);
        }
    }

    /** Emits the events of exchanges still waiting for a possible error page. */
    @Override
    public void destroy() {
        auditor.close();
    }

    /** Builds an {@link AuditFilter}. */
    public static final class Builder {
        private final AuditPipeline pipeline;
        private AuditFilterConfig config = AuditFilterConfig.defaults();
        private UserResolver userResolver = UserResolver.principal();
        private @Nullable CorrelationIdResolver correlationIdResolver;
        private @Nullable TraceResolver traceResolver;
        private RouteResolver routeResolver = RouteResolver.none();

        private Builder(AuditPipeline pipeline) {
            this.pipeline = pipeline;
        }

        /** The configuration (default {@link AuditFilterConfig#defaults()}). */
        public Builder config(AuditFilterConfig config) {
            this.config = Objects.requireNonNull(config, "config");
            return this;
        }

        /** Who the user is (default {@link UserResolver#principal()}). */
        public Builder userResolver(UserResolver userResolver) {
            this.userResolver = Objects.requireNonNull(userResolver, "userResolver");
            return this;
        }

        /**
         * Where the correlation ID comes from (default: the configured request headers,
         * {@link CorrelationIdResolver#fromHeaders}); the filter validates its answer.
         */
        public Builder correlationIdResolver(CorrelationIdResolver correlationIdResolver) {
            this.correlationIdResolver = Objects.requireNonNull(correlationIdResolver, "correlationIdResolver");
            return this;
        }

        /** Where trace identifiers come from (default: the W3C {@code traceparent} header). */
        public Builder traceResolver(TraceResolver traceResolver) {
            this.traceResolver = Objects.requireNonNull(traceResolver, "traceResolver");
            return this;
        }

        /** Where {@code http.route} comes from (default: none). */
        public Builder routeResolver(RouteResolver routeResolver) {
            this.routeResolver = Objects.requireNonNull(routeResolver, "routeResolver");
            return this;
        }

        public AuditFilter build() {
            return new AuditFilter(this);
        }
    }
}
