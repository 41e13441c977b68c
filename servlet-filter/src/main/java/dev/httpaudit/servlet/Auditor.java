package dev.httpaudit.servlet;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.ExchangeContext;
import dev.httpaudit.core.TraceInfo;
import dev.httpaudit.core.internal.MdcScope;
import dev.httpaudit.core.pipeline.AuditPipeline;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * The filter's configuration made ready for use (patterns compiled, proxies parsed,
 * resolvers chosen): decides whether a request is audited, starts exchanges, and hands
 * finished events to the pipeline.
 */
final class Auditor {

    /**
     * How long an exchange that ended its request dispatch with an error waits for the
     * container's ERROR dispatch before its event is emitted without one. Containers start
     * that dispatch immediately; the wait only delays the event, its timing is taken before.
     */
    static final long PENDING_END_DELAY_MS = 500;


    private final AuditPipeline pipeline;
    private final AuditFilterConfig config;
    private final List<PathPattern> includes;
    private final List<PathPattern> excludes;
    private final List<PathPattern> bodyExcludes;
    private final Set<String> methods;
    private final ContentTypes contentTypes;
    private final ClientAddressResolver clients;
    private final UserResolver users;
    private final CorrelationIdResolver correlationIds;
    private final @Nullable TraceResolver traces;
    private final RouteResolver routes;
    private final Set<Runnable> pendingEnds = ConcurrentHashMap.newKeySet();
    private @Nullable ScheduledExecutorService scheduler;
    private boolean closed;

    Auditor(AuditPipeline pipeline, AuditFilterConfig config, UserResolver users,
            @Nullable CorrelationIdResolver correlationIds, @Nullable TraceResolver traces, RouteResolver routes) {
        this.pipeline = pipeline;
        this.config = config;
        this.includes = config.includePaths().stream().map(PathPattern::compile).toList();
        this.excludes = config.excludePaths().stream().map(PathPattern::compile).toList();
        this.bodyExcludes = config.bodyExcludePaths().stream().map(PathPattern::compile).toList();
        this.methods = config.methods();
        this.contentTypes = new ContentTypes(config.textualContentTypes());
        this.clients = new ClientAddressResolver(config.trustedProxies().stream().map(IpRange::parse).toList());
        this.users = users;
        this.correlationIds = correlationIds != null ? correlationIds
                : CorrelationIdResolver.fromHeaders(config.correlationRequestHeaders());
        this.traces = traces;
        this.routes = routes;
    }

    AuditFilterConfig config() {
        return config;
    }

    ContentTypes contentTypes() {
        return contentTypes;
    }

    /** What a masked value becomes in the pipeline's redaction: also the content of an undecodable body. */
    String replacement() {
        return pipeline.redactor().policy().replacement();
    }

    /** True when the pipeline runs enrichers: only then is an {@link ExchangeContext} captured. */
    boolean hasEnrichers() {
        return pipeline.hasEnrichers();
    }

    ClientAddressResolver clients() {
        return clients;
    }

    RouteResolver routes() {
        return routes;
    }

    /** True when a request with this method and normalized path is audited. */
    boolean isAudited(@Nullable String method, String path) {
        if (!methods.isEmpty() && (method == null || !methods.contains(method.toUpperCase(Locale.ROOT)))) {
            return false;
        }
        return matchesAny(includes, path) && !matchesAny(excludes, path);
    }

    private static boolean matchesAny(List<PathPattern> patterns, String path) {
        for (PathPattern pattern : patterns) {
            if (pattern.matches(path)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts auditing {@code request}: decides first (nothing else is done for a request
     * that is not audited), then fixes the correlation ID and trace, and stores the
     * exchange in the request. Returns {@code null} when not audited, or when starting
     * failed (the request then runs unaudited rather than differently).
     */
    @Nullable Exchange begin(HttpServletRequest request, HttpServletResponse response, long startNanos) {
        try {
            String path = pathOf(request);
            if (!isAudited(request.getMethod(), path)) {
                return null;
            }
            Map<String, List<String>> requestHeaders = headers(request);
            String correlationId = correlationId(request, requestHeaders);
            TraceInfo trace = trace(request);
            boolean bodyContentAllowed = config.bodyCapture() != BodyCaptureMode.NEVER && config.bodyMaxBytes() > 0
                    && !matchesAny(bodyExcludes, path);
            Exchange exchange = new Exchange(this, request, response, startNanos, correlationId, trace,
                    bodyContentAllowed, requestHeaders);
            request.setAttribute(Exchange.ATTRIBUTE, exchange);
            request.setAttribute(AuditFilter.CORRELATION_ID_ATTRIBUTE, correlationId);
            exchange.writeCorrelationHeader(response);
            return exchange;
        } catch (RuntimeException | LinkageError e) {
            failed(e);
            return null;
        }
    }

    /**
     * The normalized path within the application; for an ERROR dispatch that starts an
     * exchange (the request never passed the filter before), the path originally requested.
     */
    private static String pathOf(HttpServletRequest request) {
        if (request.getDispatcherType() == DispatcherType.ERROR
                && request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String original) {
            return PathNormalizer.withinContext(PathNormalizer.normalize(original),
                    PathNormalizer.normalize(request.getContextPath()));
        }
        return PathNormalizer.pathWithinApplication(request);
    }

    /**
     * The client's correlation ID when it is valid and redaction would leave it as it is;
     * else a new one. An ID that redaction would mask (sent in a header configured as
     * sensitive, holding a {@code name:value} pattern, or reusing a credential of the same
     * request) must not reach the MDC, the response header or {@code http.request.id}
     * unmasked, so it is not used at all.
     */
    private String correlationId(HttpServletRequest request, Map<String, List<String>> requestHeaders) {
        String candidate = null;
        try {
            candidate = correlationIds.resolve(request);
        } catch (RuntimeException e) {
            reportFailure(e);
        }
        if (candidate == null || !CorrelationIds.isValid(candidate)
                || pipeline.redactor().wouldChange(candidate, requestHeaders, request.getQueryString())) {
            return CorrelationIds.generate();
        }
        return candidate;
    }

    private @Nullable TraceInfo trace(HttpServletRequest request) {
        TraceInfo trace = null;
        if (traces != null) {
            try {
                trace = traces.resolve(request);
            } catch (RuntimeException e) {
                reportFailure(e);
            }
        }
        return trace != null ? trace : TraceResolver.traceparent().resolve(request);
    }

    /** The user at the end of the exchange; a failing resolver means anonymous. */
    dev.httpaudit.core.@Nullable UserInfo user(HttpServletRequest request) {
        try {
            return users.resolve(request);
        } catch (RuntimeException e) {
            reportFailure(e);
            return null;
        }
    }

    /** Counts a failure of auditing (as a lost event) and reports it at a bounded rate. */
    void failed(Throwable e) {
        pipeline.recordLost(e);
    }

    /**
     * Hands the event to the pipeline, with what was captured of its exchange for the
     * enrichers. Should redaction mask the correlation ID after all (a value masked in a body,
     * known only now), the MDC holds the masked ID while the sink writes, so a log sink's line
     * does not carry the original in its MDC fields.
     */
    void emit(AuditEvent event, ExchangeContext context) {
        String key = config.mdcKey();
        String original = event.request().id();
        if (key == null) {
            pipeline.emit(event, context, null);
            return;
        }
        MdcScope[] swapped = new MdcScope[1];
        try {
            pipeline.emit(event, context, prepared -> {
                String redacted = prepared.request().id();
                if (!original.equals(redacted) && original.equals(MDC.get(key))) {
                    swapped[0] = MdcScope.open().put(key, redacted);
                }
            });
        } finally {
            // Back to the original ID: the dispatch's exit restores the MDC as it found it.
            if (swapped[0] != null) {
                swapped[0].close();
            }
        }
    }

    /** Runs {@code end} after {@link #PENDING_END_DELAY_MS}, or at {@link #close()} at the latest. */
    void later(Runnable end) {
        Runnable once = new Runnable() {
            @Override
            public void run() {
                if (pendingEnds.remove(this)) {
                    try {
                        end.run();
                    } catch (RuntimeException | LinkageError e) {
                        failed(e);
                    }
                }
            }
        };
        pendingEnds.add(once);
        ScheduledExecutorService executor = scheduler();
        if (executor == null) {
            once.run();
        } else {
            executor.schedule(once, PENDING_END_DELAY_MS, TimeUnit.MILLISECONDS);
        }
    }

    private synchronized @Nullable ScheduledExecutorService scheduler() {
        if (closed) {
            return null;
        }
        if (scheduler == null) {
            scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, "http-audit-pending-ends");
                thread.setDaemon(true);
                return thread;
            });
        }
        return scheduler;
    }

    /** Emits every pending event now and stops the scheduler. */
    void close() {
        ScheduledExecutorService executor;
        synchronized (this) {
            closed = true;
            executor = scheduler;
            scheduler = null;
        }
        if (executor != null) {
            executor.shutdownNow();
        }
        for (Runnable pending : List.copyOf(pendingEnds)) {
            pending.run();
        }
    }

    /**
     * Lower-case names, every value, in arrival order. Each name's values are an immutable
     * list of their exact size (one value, the common case, is a {@code List.of(value)}), which
     * the event's own immutable copy of the map takes as it is instead of copying again.
     */
    static Map<String, List<String>> headers(HttpServletRequest request) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        Enumeration<String> names = request.getHeaderNames();
        if (names == null) {
            return headers;
        }
        while (names.hasMoreElements()) {
            String name = names.nextElement();
            List<String> values = values(request.getHeaders(name));
            // names differing only in case (one container may keep both) are one header
            headers.merge(name.toLowerCase(Locale.ROOT), values, Auditor::joined);
        }
        return headers;
    }

    private static List<String> values(@Nullable Enumeration<String> values) {
        if (values == null || !values.hasMoreElements()) {
            return List.of();
        }
        String first = values.nextElement();
        if (!values.hasMoreElements()) {
            return List.of(first);
        }
        List<String> all = new ArrayList<>(4);
        all.add(first);
        while (values.hasMoreElements()) {
            all.add(values.nextElement());
        }
        return List.copyOf(all);
    }

    private static List<String> joined(List<String> first, List<String> more) {
        List<String> all = new ArrayList<>(first);
        all.addAll(more);
        return List.copyOf(all);
    }

    /** Reports a failure of auditing that lost nothing, at the pipeline's bounded rate. */
    void reportFailure(Throwable e) {
        pipeline.reportFailure(e);
    }

    /** Runs an auditing step; a failure is reported (at a bounded rate), never thrown. */
    void safely(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException | LinkageError e) {
            reportFailure(e);
        }
    }
}
