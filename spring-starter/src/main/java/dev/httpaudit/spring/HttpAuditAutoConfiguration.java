package dev.httpaudit.spring;

import dev.httpaudit.core.AuditEventEnricher;
import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.AuditSink;
import dev.httpaudit.core.internal.OwnQueue;
import dev.httpaudit.core.redact.RedactionPolicy;
import dev.httpaudit.core.redact.RedactionRule;
import dev.httpaudit.core.redact.Redactor;
import dev.httpaudit.core.sink.AsyncAuditSink;
import dev.httpaudit.core.sink.CompositeAuditSink;
import dev.httpaudit.core.sink.JsonLinesAuditSink;
import dev.httpaudit.core.sink.Slf4jAuditSink;
import dev.httpaudit.servlet.AuditFilter;
import dev.httpaudit.servlet.AuditFilterConfig;
import dev.httpaudit.servlet.CorrelationIdResolver;
import dev.httpaudit.servlet.RouteResolver;
import dev.httpaudit.servlet.TraceResolver;
import dev.httpaudit.servlet.UserResolver;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.TaskDecorator;
import org.springframework.util.unit.DataSize;

/**
 * Audits every HTTP exchange of a servlet web application: registers the {@link AuditFilter}
 * with a pipeline built from the {@code http-audit.*} properties. Every bean here can be
 * replaced by the application's own; an application {@link AuditSink} bean replaces the
 * default SLF4J sink (declare {@link HttpAuditSinks#slf4j(HttpAuditProperties, Environment)} as a bean
 * too to keep it).
 *
 * <p>Boot classes are referred to by name and filter orders are literals, so the same class
 * works on Spring Boot 4.0 and 3.5, where many auto-configuration classes moved.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "jakarta.servlet.Filter")
@ConditionalOnProperty(prefix = "http-audit", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties({HttpAuditProperties.class, HttpAuditIntegrityProperties.class})
public class HttpAuditAutoConfiguration {

    /**
     * The audit filter's order: after Spring's HTTP observation filter
     * ({@code Ordered.HIGHEST_PRECEDENCE + 1}), so a tracing span is current, and far before
     * Spring Security's ({@code -100}), so 401 and 403 answers are audited, and before
     * {@code FormContentFilter} ({@code -9900}), so the bodies it reads pass the tee.
     */
    public static final int FILTER_ORDER = Integer.MIN_VALUE + 10;

    /** Right after Spring Security's filter ({@code -100}): inside its security context. */
    static final int IDENTITY_CAPTURE_ORDER = -99;

    /** Spring MVC's request attribute holding the matched route pattern. */
    static final String MVC_BEST_MATCHING_PATTERN = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";

    /**
     * The default sink: SLF4J, as {@code http-audit.sink.*} says. Absent when the application
     * has an {@link AuditSink}. While it logs a line, the MDC holds what it holds during the
     * request: the correlation ID under {@code http-audit.correlation.mdc-key} and, with
     * Micrometer Tracing, the trace and span IDs under Micrometer's keys; so lines written on
     * the async queue's writer thread look like the others. Under Spring Boot's structured
     * {@code ecs} format, which writes {@code ecs.version} itself, the sink leaves its own out.
     */
    @Bean
    @ConditionalOnMissingBean(AuditSink.class)
    public Slf4jAuditSink httpAuditSlf4jSink(HttpAuditProperties properties, Environment environment) {
        return HttpAuditSinks.slf4j(properties, environment);
    }

    /** Redaction from {@code http-audit.redact.*}, plus every {@link RedactionRule} bean. */
    @Bean
    @ConditionalOnMissingBean
    public Redactor httpAuditRedactor(HttpAuditProperties properties, ObjectProvider<RedactionRule> rules) {
        HttpAuditProperties.Redact redact = properties.getRedact();
        RedactionPolicy.Builder policy = RedactionPolicy.builder()
                .headers(redact.getHeaders())
                .parameters(redact.getParameters())
                .bodyFields(redact.getBodyFields())
                .useDefaults(redact.isDefaults())
                .replacement(redact.getReplacement());
        rules.orderedStream().forEach(policy::rule);
        return Redactor.of(policy.build());
    }

    /**
     * The pipeline: the application's sinks (or the default SLF4J sink), plus the JSON lines
     * file of {@code http-audit.sink.file.path}, behind the async queue when
     * {@code http-audit.async.enabled} (a sink bean that is a queue of its own, such as the JDBC
     * sink, goes beside that queue, not behind it); enrichers first: {@code service.name} from
     * {@code spring.application.name} (the one place the starter sets it, so every event
     * written through this pipeline carries it), then every {@link AuditEventEnricher} bean.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public AuditPipeline httpAuditPipeline(HttpAuditProperties properties, ObjectProvider<AuditSink> sinks,
            Redactor redactor, ObjectProvider<AuditEventEnricher> enrichers, Environment environment) {
        HttpAuditProperties.Async async = properties.getAsync();
        List<AuditSink> targets = new ArrayList<>();
        // A sink that is its own queue is not queued again: one bound, one drop point, and its
        // outage (a database away) does not hold up the sinks behind the shared queue.
        List<AuditSink> ownQueues = new ArrayList<>();
        // Spring closes the sink beans itself, after this pipeline: the pipeline only flushes them.
        sinks.orderedStream().forEach(sink ->
                (async.isEnabled() && sink instanceof OwnQueue ? ownQueues : targets).add(new SpringManagedSink(sink)));
        HttpAuditProperties.Sink.File file = properties.getSink().getFile();
        String path = file.getPath();
        if (path != null && !path.isBlank()) {
            targets.add(fileSink(path, file, properties.getAsync().isEnabled(), environment));
        } else {
            HttpAuditIntegrity.requireFileSink(environment);
        }
        List<AuditSink> composed = new ArrayList<>();
        if (!targets.isEmpty()) {
            AuditSink queued = targets.size() == 1 ? targets.get(0) : CompositeAuditSink.of(targets);
            if (async.isEnabled()) {
                queued = AsyncAuditSink.builder(queued)
                        .queueCapacity(async.getQueueCapacity())
                        .overflow(async.getOverflow())
                        .blockTimeout(async.getBlockTimeout())
                        .shutdownTimeout(async.getShutdownTimeout())
                        .build();
            }
            composed.add(queued);
        }
        composed.addAll(ownQueues);
        AuditSink sink = composed.size() == 1 ? composed.get(0) : CompositeAuditSink.of(composed);
        AuditPipeline.Builder pipeline = AuditPipeline.builder(sink)
                .redactor(redactor)
                .maxEventBytes(properties.getMaxEventBytes().toBytes());
        String applicationName = environment.getProperty("spring.application.name");
        if (applicationName != null && !applicationName.isBlank()) {
            String serviceName = applicationName.trim();
            pipeline.enricher(event -> event.serviceName() == null ? event.withServiceName(serviceName) : event);
        }
        enrichers.orderedStream().forEach(pipeline::enricher);
        return pipeline.build();
    }

    /**
     * The JSON lines file sink. A path that cannot be opened (its folder cannot be created, it
     * is a folder, no permission) stops start-up with Spring Boot's report naming
     * {@code http-audit.sink.file.path}, not a stack trace from deep inside the pipeline bean.
     */
    private static AuditSink fileSink(String path, HttpAuditProperties.Sink.File file, boolean async,
            Environment environment) {
        String property = HttpAuditProperties.PREFIX + "sink.file.path";
        try {
            JsonLinesAuditSink.FileBuilder fileSink = JsonLinesAuditSink.file(Path.of(path))
                    .maxHistory(file.getMaxHistory())
                    .fsync(file.isFsync())
                    .flushEachLine(!async);
            DataSize maxSize = file.getMaxSize();
            if (maxSize != null) {
                fileSink.maxFileBytes(maxSize.toBytes());
            }
            HttpAuditIntegrity.configure(fileSink, environment); // http-audit.integrity.*
            return fileSink.build();
        } catch (InvalidPathException e) {
            throw new InvalidConfigurationPropertyValueException(property, path,
                    "not a valid path (" + e.getMessage() + ")");
        } catch (UncheckedIOException e) {
            throw new InvalidConfigurationPropertyValueException(property, path,
                    "cannot open the audit file: " + whyNotWritable(Path.of(path), e.getCause()));
        }
    }

    /** Says why {@code file} cannot be opened, in the terms a user can act on. */
    private static String whyNotWritable(Path file, IOException cause) {
        Path absolute = file.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            return absolute + " is a folder";
        }
        for (Path folder = absolute.getParent(); folder != null; folder = folder.getParent()) {
            if (Files.exists(folder)) {
                return Files.isDirectory(folder)
                        ? cause.getClass().getSimpleName() + ": " + cause.getMessage()
                        : "its folder cannot be created, because " + folder + " is a file";
            }
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    /** The filter, configured from the properties and the resolvers in the context. */
    @Bean
    @ConditionalOnMissingBean
    public AuditFilter httpAuditFilter(AuditPipeline pipeline, HttpAuditProperties properties,
            ObjectProvider<UserResolver> userResolver, ObjectProvider<TraceResolver> traceResolver,
            ObjectProvider<RouteResolver> routeResolver, ObjectProvider<CorrelationIdResolver> correlationIdResolver) {
        AuditFilter.Builder filter = AuditFilter.builder(pipeline)
                .config(filterConfig(properties))
                .routeResolver(routeResolver.getIfAvailable(() -> HttpAuditAutoConfiguration::springMvcRoute));
        userResolver.ifAvailable(filter::userResolver);
        traceResolver.ifAvailable(filter::traceResolver);
        correlationIdResolver.ifAvailable(filter::correlationIdResolver);
        return filter.build();
    }

    /** Maps the filter for REQUEST, ASYNC and ERROR dispatches, at {@link #FILTER_ORDER}. */
    @Bean
    @ConditionalOnMissingBean(name = "httpAuditFilterRegistration")
    public FilterRegistrationBean<AuditFilter> httpAuditFilterRegistration(AuditFilter filter) {
        return registration(filter, AuditFilter.FILTER_NAME, FILTER_ORDER);
    }

    /**
     * How the starter maps each of its filters: every path, with async support, for the
     * dispatcher types the audit filter needs ({@link AuditFilter#dispatcherTypes()}), so the
     * identity capture sees every dispatch the audit filter sees.
     */
    static <F extends Filter> FilterRegistrationBean<F> registration(F filter, String name, int order) {
        FilterRegistrationBean<F> registration = new FilterRegistrationBean<>(filter);
        registration.setName(name);
        registration.setOrder(order);
        registration.setAsyncSupported(true);
        registration.setDispatcherTypes(AuditFilter.dispatcherTypes());
        registration.addUrlPatterns("/*");
        return registration;
    }

    /** Carries the MDC (the correlation ID) to Spring MVC's async executor threads. */
    @Bean
    @ConditionalOnMissingBean(TaskDecorator.class)
    public TaskDecorator httpAuditMdcTaskDecorator() {
        return new MdcTaskDecorator();
    }

    /**
     * The filter's configuration. It leaves {@code service.name} unset: the pipeline sets it
     * from {@code spring.application.name}, for every event it writes.
     */
    static AuditFilterConfig filterConfig(HttpAuditProperties properties) {
        HttpAuditProperties.Body body = properties.getBody();
        HttpAuditProperties.Correlation correlation = properties.getCorrelation();
        // exclude-paths and body.content-types add to the defaults, which protect the user
        // (no actuator noise, JSON stays readable); the other lists replace theirs.
        return AuditFilterConfig.builder()
                .includePaths(properties.getIncludePaths())
                .excludePaths(properties.effectiveExcludePaths())
                .methods(properties.getMethods())
                .bodyMaxBytes(Math.toIntExact(body.getMaxBytes().toBytes()))
                .bodyCapture(body.getCapture())
                .bodyExcludePaths(body.getExcludePaths())
                .textualContentTypes(body.effectiveContentTypes())
                .correlationRequestHeaders(correlation.getRequestHeaders())
                .correlationResponseHeader(correlation.isResponseHeaderEnabled() ? correlation.getResponseHeader() : null)
                .mdcKey(correlation.getMdcKey())
                .trustedProxies(properties.getClient().getTrustedProxies())
                .build();
    }

    /** Spring MVC's matched pattern, from the REQUEST dispatch only (never {@code /error}'s). */
    static @Nullable String springMvcRoute(jakarta.servlet.http.HttpServletRequest request) {
        if (request.getDispatcherType() != DispatcherType.REQUEST) {
            return null;
        }
        return request.getAttribute(MVC_BEST_MATCHING_PATTERN) instanceof String route && !route.isEmpty() ? route : null;
    }

    /** Identity from Spring Security, captured inside its filter chain. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.security.core.context.SecurityContextHolder")
    static class SpringSecurityIdentity {

        @Bean
        @ConditionalOnMissingBean
        UserResolver httpAuditSpringSecurityUserResolver() {
            UserResolver principal = UserResolver.principal();
            return request -> {
                var user = SecurityIdentityCaptureFilter.userOf(request);
                return user != null ? user : principal.resolve(request);
            };
        }

        @Bean
        @ConditionalOnMissingBean(name = "httpAuditIdentityCaptureRegistration")
        FilterRegistrationBean<SecurityIdentityCaptureFilter> httpAuditIdentityCaptureRegistration() {
            return registration(new SecurityIdentityCaptureFilter(), "httpAuditIdentityCapture",
                    IDENTITY_CAPTURE_ORDER);
        }
    }

    /** {@code trace.id} and {@code span.id} from Micrometer Tracing's current span. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.tracing.Tracer")
    static class MicrometerTracingIds {

        @Bean
        @ConditionalOnMissingBean
        TraceResolver httpAuditMicrometerTraceResolver(ObjectProvider<io.micrometer.tracing.Tracer> tracer) {
            return new MicrometerTraceResolver(tracer);
        }
    }

    /** Delivery counters as Micrometer meters. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "io.micrometer.core.instrument.MeterRegistry")
    static class Metrics {

        @Bean
        @ConditionalOnMissingBean(name = "httpAuditMetrics")
        io.micrometer.core.instrument.binder.MeterBinder httpAuditMetrics(AuditPipeline pipeline) {
            return new HttpAuditMetrics(pipeline.counters(), pipeline.sink());
        }
    }
}
