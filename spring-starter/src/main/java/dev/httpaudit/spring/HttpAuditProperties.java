package dev.httpaudit.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * The {@code http-audit.*} properties. They validate themselves at start-up (this class is
 * its own {@link Validator}), so a bad value stops the application with a message naming the
 * property, without a Bean Validation provider on the classpath.
 */
@ConfigurationProperties(prefix = "http-audit")
public class HttpAuditProperties implements Validator {

    /** Whether HTTP exchanges are audited at all. */
    private boolean enabled = true;

    /** Path patterns that are audited (Spring path-pattern syntax, within the application). */
    private List<String> includePaths = new ArrayList<>(List.of("/**"));

    /** Path patterns that are never audited nor wrapped. */
    private List<String> excludePaths = new ArrayList<>(List.of("/actuator/**", "/favicon.ico"));

    /** HTTP methods that are audited; empty means all. */
    private List<String> methods = new ArrayList<>();

    /** Limit of one serialized event; body contents are cut further to fit. */
    private DataSize maxEventBytes = DataSize.ofKilobytes(256);

    private final Body body = new Body();
    private final Redact redact = new Redact();
    private final Correlation correlation = new Correlation();
    private final Client client = new Client();
    private final Sink sink = new Sink();
    private final Async async = new Async();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getIncludePaths() {
        return includePaths;
    }

    public void setIncludePaths(List<String> includePaths) {
        this.includePaths = includePaths;
    }

    public List<String> getExcludePaths() {
        return excludePaths;
    }

    public void setExcludePaths(List<String> excludePaths) {
        this.excludePaths = excludePaths;
    }

    public List<String> getMethods() {
        return methods;
    }

    public void setMethods(List<String> methods) {
        this.methods = methods;
    }

    public DataSize getMaxEventBytes() {
        return maxEventBytes;
    }

    public void setMaxEventBytes(DataSize maxEventBytes) {
        this.maxEventBytes = maxEventBytes;
    }

    public Body getBody() {
        return body;
    }

    public Redact getRedact() {
        return redact;
    }

    public Correlation getCorrelation() {
        return correlation;
    }

    public Client getClient() {
        return client;
    }

    public Sink getSink() {
        return sink;
    }

    public Async getAsync() {
        return async;
    }

    @Override
    public boolean supports(Class<?> type) {
        return HttpAuditProperties.class.isAssignableFrom(type);
    }

    @Override
    public void validate(Object target, Errors errors) {
        HttpAuditProperties p = (HttpAuditProperties) target;
        positive(errors, "maxEventBytes", p.maxEventBytes);
        notNegative(errors, "body.maxBytes", p.body.maxBytes);
        if (p.body.maxBytes != null && p.body.maxBytes.toBytes() > Integer.MAX_VALUE - 8) {
            errors.rejectValue("body.maxBytes", "tooLarge", "must be below 2GB");
        }
        if (p.includePaths == null || p.includePaths.isEmpty()) {
            errors.rejectValue("includePaths", "empty", "must list at least one pattern (use /** for all)");
        }
        for (String pattern : concat(p.includePaths, p.excludePaths, p.body.excludePaths)) {
            if (pattern == null || !pattern.startsWith("/")) {
                errors.reject("pattern", "path patterns must start with '/', was '" + pattern + "'");
            }
        }
        if (p.redact.replacement == null || p.redact.replacement.isEmpty()) {
            errors.rejectValue("redact.replacement", "empty", "must not be empty");
        }
        if (p.correlation.responseHeader != null && !p.correlation.responseHeader.isEmpty()
                && !p.correlation.responseHeader.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
            errors.rejectValue("correlation.responseHeader", "invalid", "must be a valid header name");
        }
        if (p.async.queueCapacity < 1) {
            errors.rejectValue("async.queueCapacity", "tooSmall", "must be at least 1");
        }
        notNegative(errors, "async.blockTimeout", p.async.blockTimeout);
        notNegative(errors, "async.shutdownTimeout", p.async.shutdownTimeout);
        if (p.sink.file.maxSize != null && p.sink.file.maxSize.toBytes() < 1) {
            errors.rejectValue("sink.file.maxSize", "tooSmall", "must be positive");
        }
        if (p.sink.file.maxHistory < 0) {
            errors.rejectValue("sink.file.maxHistory", "negative", "must not be negative");
        }
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        List<String> all = new ArrayList<>();
        for (List<String> list : List.of(nullSafe(a), nullSafe(b), nullSafe(c))) {
            all.addAll(list);
        }
        return all;
    }

    private static List<String> nullSafe(List<String> list) {
        return list == null ? List.of() : list;
    }

    private static void positive(Errors errors, String field, DataSize size) {
        if (size == null || size.toBytes() <= 0) {
            errors.rejectValue(field, "notPositive", "must be positive, was " + size);
        }
    }

    private static void notNegative(Errors errors, String field, DataSize size) {
        if (size == null || size.isNegative()) {
            errors.rejectValue(field, "negative", "must not be negative, was " + size);
        }
    }

    private static void notNegative(Errors errors, String field, Duration duration) {
        if (duration == null || duration.isNegative()) {
            errors.rejectValue(field, "negative", "must not be negative, was " + duration);
        }
    }

    /** When bodies are captured. */
    public enum BodyCapture {
        /** Every audited exchange. */
        ALWAYS,
        /** Only exchanges answered with status 400 or above. */
        ERRORS,
        /** Never: sizes and MIME types only. */
        NEVER
    }

    /** What the SLF4J sink's log message holds. */
    public enum MessageFormat {
        /** The one-line summary; the event's fields as key-value pairs. */
        SUMMARY,
        /** The whole event as JSON, for plain pattern layouts. */
        JSON
    }

    /** What a full async queue does. */
    public enum Overflow {
        /** Drop the event and count it; the request thread never waits. */
        DROP,
        /** Wait up to {@code block-timeout}, then drop and count. */
        BLOCK
    }

    /** Levels of the event lines. */
    public enum Level {
        TRACE, DEBUG, INFO, WARN, ERROR
    }

    /** {@code http-audit.body.*}. */
    public static class Body {
        /** Capture limit per body; larger bodies still stream fully. */
        private DataSize maxBytes = DataSize.ofKilobytes(64);
        /** Paths audited without bodies (login, uploads, personal data). */
        private List<String> excludePaths = new ArrayList<>();
        /** When bodies are captured. */
        private BodyCapture capture = BodyCapture.ALWAYS;
        /** Media types captured as text; empty means the defaults (JSON, +json, text/*, XML, +xml, form). */
        private List<String> contentTypes = new ArrayList<>();

        public DataSize getMaxBytes() {
            return maxBytes;
        }

        public void setMaxBytes(DataSize maxBytes) {
            this.maxBytes = maxBytes;
        }

        public List<String> getExcludePaths() {
            return excludePaths;
        }

        public void setExcludePaths(List<String> excludePaths) {
            this.excludePaths = excludePaths;
        }

        public BodyCapture getCapture() {
            return capture;
        }

        public void setCapture(BodyCapture capture) {
            this.capture = capture;
        }

        public List<String> getContentTypes() {
            return contentTypes;
        }

        public void setContentTypes(List<String> contentTypes) {
            this.contentTypes = contentTypes;
        }
    }

    /** {@code http-audit.redact.*}. */
    public static class Redact {
        /** Header names to mask, added to the defaults. */
        private List<String> headers = new ArrayList<>();
        /** Query and form parameter names to mask, added to the defaults. */
        private List<String> parameters = new ArrayList<>();
        /** JSON body field names to mask, added to the defaults. */
        private List<String> bodyFields = new ArrayList<>();
        /** Whether the built-in lists (authorization, cookie, password, token, ...) apply. */
        private boolean defaults = true;
        /** What a masked value becomes. */
        private String replacement = "***";

        public List<String> getHeaders() {
            return headers;
        }

        public void setHeaders(List<String> headers) {
            this.headers = headers;
        }

        public List<String> getParameters() {
            return parameters;
        }

        public void setParameters(List<String> parameters) {
            this.parameters = parameters;
        }

        public List<String> getBodyFields() {
            return bodyFields;
        }

        public void setBodyFields(List<String> bodyFields) {
            this.bodyFields = bodyFields;
        }

        public boolean isDefaults() {
            return defaults;
        }

        public void setDefaults(boolean defaults) {
            this.defaults = defaults;
        }

        public String getReplacement() {
            return replacement;
        }

        public void setReplacement(String replacement) {
            this.replacement = replacement;
        }
    }

    /** {@code http-audit.correlation.*}. */
    public static class Correlation {
        /** Inbound headers tried in order for the correlation ID. */
        private List<String> requestHeaders = new ArrayList<>(List.of("X-Request-ID", "X-Correlation-ID"));
        /** Response header the correlation ID is echoed in. */
        private String responseHeader = "X-Request-ID";
        /** MDC key holding the correlation ID during the request. */
        private String mdcKey = "request_id";

        public List<String> getRequestHeaders() {
            return requestHeaders;
        }

        public void setRequestHeaders(List<String> requestHeaders) {
            this.requestHeaders = requestHeaders;
        }

        public String getResponseHeader() {
            return responseHeader;
        }

        public void setResponseHeader(String responseHeader) {
            this.responseHeader = responseHeader;
        }

        public String getMdcKey() {
            return mdcKey;
        }

        public void setMdcKey(String mdcKey) {
            this.mdcKey = mdcKey;
        }
    }

    /** {@code http-audit.client.*}. */
    public static class Client {
        /** Addresses or CIDRs whose X-Forwarded-For / Forwarded headers are believed. */
        private List<String> trustedProxies = new ArrayList<>();

        public List<String> getTrustedProxies() {
            return trustedProxies;
        }

        public void setTrustedProxies(List<String> trustedProxies) {
            this.trustedProxies = trustedProxies;
        }
    }

    /** {@code http-audit.sink.*}. */
    public static class Sink {
        /** SLF4J logger name of the default sink. */
        private String logger = "http.audit";
        /** Level of the event lines. */
        private Level level = Level.INFO;
        /** Log message: the one-line summary, or the whole event as JSON. */
        private MessageFormat message = MessageFormat.SUMMARY;
        private final File file = new File();

        public String getLogger() {
            return logger;
        }

        public void setLogger(String logger) {
            this.logger = logger;
        }

        public Level getLevel() {
            return level;
        }

        public void setLevel(Level level) {
            this.level = level;
        }

        public MessageFormat getMessage() {
            return message;
        }

        public void setMessage(MessageFormat message) {
            this.message = message;
        }

        public File getFile() {
            return file;
        }

        /** {@code http-audit.sink.file.*}. */
        public static class File {
            /** Also write JSON lines to this file. */
            private String path;
            /** Rotate the file when it would grow past this size; unset means never. */
            private DataSize maxSize;
            /** Rotated files kept. */
            private int maxHistory = 5;
            /** Force lines to disk after each batch. */
            private boolean fsync;

            public String getPath() {
                return path;
            }

            public void setPath(String path) {
                this.path = path;
            }

            public DataSize getMaxSize() {
                return maxSize;
            }

            public void setMaxSize(DataSize maxSize) {
                this.maxSize = maxSize;
            }

            public int getMaxHistory() {
                return maxHistory;
            }

            public void setMaxHistory(int maxHistory) {
                this.maxHistory = maxHistory;
            }

            public boolean isFsync() {
                return fsync;
            }

            public void setFsync(boolean fsync) {
                this.fsync = fsync;
            }
        }
    }

    /** {@code http-audit.async.*}. */
    public static class Async {
        /** Put a bounded queue in front of the sinks. */
        private boolean enabled;
        /** Queue size. */
        private int queueCapacity = 8192;
        /** What a full queue does: drop (and count) or block (up to block-timeout). */
        private Overflow overflow = Overflow.DROP;
        /** Longest wait of a request thread on a full queue. */
        private Duration blockTimeout = Duration.ofMillis(100);
        /** Time given to drain the queue on shutdown. */
        private Duration shutdownTimeout = Duration.ofSeconds(10);

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public int getQueueCapacity() {
            return queueCapacity;
        }

        public void setQueueCapacity(int queueCapacity) {
            this.queueCapacity = queueCapacity;
        }

        public Overflow getOverflow() {
            return overflow;
        }

        public void setOverflow(Overflow overflow) {
            this.overflow = overflow;
        }

        public Duration getBlockTimeout() {
            return blockTimeout;
        }

        public void setBlockTimeout(Duration blockTimeout) {
            this.blockTimeout = blockTimeout;
        }

        public Duration getShutdownTimeout() {
            return shutdownTimeout;
        }

        public void setShutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = shutdownTimeout;
        }
    }
}
