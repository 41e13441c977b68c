package dev.httpaudit.servlet;

import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What {@link AuditFilter} audits and captures. Immutable; start from {@link #defaults()} or
 * {@link #builder()}, and derive variants with {@link #toBuilder()}.
 *
 * <p>Path patterns are Ant/Spring style ({@code /**}, {@code /api/*}, {@code /files/?.txt},
 * or {@code *.ico} for a last segment at any depth) and are matched against the request
 * path within the application after normalization: {@code ;} parameters removed,
 * {@code //} collapsed, {@code %2e}/{@code %2f} decoded, {@code .} and {@code ..} resolved.
 *
 * @param includePaths              paths audited (default {@code /**})
 * @param excludePaths              paths never audited and never wrapped (default {@code /favicon.ico})
 * @param methods                   HTTP methods audited, upper case; empty means all (the default); each
 *                                  must be one of {@link #REGISTERED_METHODS} (any case)
 * @param bodyMaxBytes              capture limit per body in bytes (default 64 KiB); bodies stream
 *                                  on in full past it, and their full size is still counted
 * @param bodyCapture               when body contents are recorded (default {@link BodyCaptureMode#ALWAYS})
 * @param bodyExcludePaths          paths audited without body contents (default none)
 * @param textualContentTypes       media types captured as text: exact {@code type/subtype},
 *                                  {@code type/*}, or {@code +suffix} entries, without parameters
 *                                  (default JSON, {@code +json}, {@code text/*}, XML, {@code +xml},
 *                                  form-urlencoded)
 * @param correlationRequestHeaders inbound headers tried in order for the correlation ID
 *                                  (default {@code X-Request-ID}, {@code X-Correlation-ID}); each a
 *                                  valid header name (an RFC 9110 token)
 * @param correlationResponseHeader response header carrying the correlation ID
 *                                  ({@code X-Request-ID}), or {@code null} for none; a valid header
 *                                  name, never blank
 * @param mdcKey                    SLF4J MDC key holding the correlation ID during each dispatch
 *                                  ({@code request_id}), or {@code null} for none
 * @param trustedProxies            addresses or CIDR blocks whose forwarding headers are believed
 *                                  (default none); host names are rejected
 * @param serviceName               {@code service.name}, or {@code null}
 */
public record AuditFilterConfig(List<String> includePaths, List<String> excludePaths, Set<String> methods,
                                int bodyMaxBytes, BodyCaptureMode bodyCapture, List<String> bodyExcludePaths,
                                List<String> textualContentTypes, List<String> correlationRequestHeaders,
                                @Nullable String correlationResponseHeader, @Nullable String mdcKey,
                                List<String> trustedProxies, @Nullable String serviceName) {

    /** The default paths audited: all. */
    public static final List<String> DEFAULT_INCLUDE_PATHS = List.of("/**");

    /** The default of when body contents are recorded: always. */
    public static final BodyCaptureMode DEFAULT_BODY_CAPTURE = BodyCaptureMode.ALWAYS;

    /** The default response header carrying the correlation ID. */
    public static final String DEFAULT_CORRELATION_RESPONSE_HEADER = "X-Request-ID";

    /** The default MDC key of the correlation ID (the SLF4J sink's default too). */
    public static final String DEFAULT_MDC_KEY = "request_id";

    /** The default capture limit per body: 64 KiB. */
    public static final int DEFAULT_BODY_MAX_BYTES = 64 * 1024;

    /** The default textual media types. */
    public static final List<String> DEFAULT_TEXTUAL_CONTENT_TYPES = List.of("application/json", "+json", "text/*",
            "application/xml", "+xml", ContentTypes.FORM);

    /** The default inbound correlation headers. */
    public static final List<String> DEFAULT_CORRELATION_REQUEST_HEADERS = List.of("X-Request-ID", "X-Correlation-ID");

    /**
     * The method names {@code methods} accepts (in any case): the IANA HTTP Method Registry's
     * request methods (RFC 9110's, {@code PATCH}, WebDAV's and its extensions', CalDAV's
     * {@code MKCALENDAR}, {@code LINK}/{@code UNLINK}) and {@code QUERY} (the HTTP QUERY
     * method draft, which Spring Framework 7 supports). Left out: {@code PRI}, which is HTTP/2's
     * connection preface, and {@code *}, which is not a method. Any other name is refused,
     * because a misspelt method would silently audit nothing.
     */
    public static final List<String> REGISTERED_METHODS = List.of(
            "GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "QUERY",
            "PROPFIND", "PROPPATCH", "MKCOL", "COPY", "MOVE", "LOCK", "UNLOCK", "SEARCH",
            "ACL", "BASELINE-CONTROL", "BIND", "CHECKIN", "CHECKOUT", "LABEL", "LINK", "MERGE", "MKACTIVITY",
            "MKCALENDAR", "MKREDIRECTREF", "MKWORKSPACE", "ORDERPATCH", "REBIND", "REPORT", "UNBIND",
            "UNCHECKOUT", "UNLINK", "UPDATE", "UPDATEREDIRECTREF", "VERSION-CONTROL");

    private static final Set<String> REGISTERED_METHOD_SET = Set.copyOf(REGISTERED_METHODS);

    /** RFC 9110 {@code token}: header names, method names, media type parts. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

    /** Validates and copies; an invalid value throws {@link IllegalArgumentException} naming it. */
    public AuditFilterConfig {
        includePaths = List.copyOf(includePaths);
        excludePaths = List.copyOf(excludePaths);
        bodyExcludePaths = List.copyOf(bodyExcludePaths);
        Set<String> upper = new LinkedHashSet<>();
        for (String method : methods) {
            upper.add(checkMethod(method));
        }
        methods = Set.copyOf(upper);
        if (bodyMaxBytes < 0) {
            throw new IllegalArgumentException("bodyMaxBytes must not be negative, was " + bodyMaxBytes);
        }
        Objects.requireNonNull(bodyCapture, "bodyCapture");
        textualContentTypes = List.copyOf(textualContentTypes);
        textualContentTypes.forEach(AuditFilterConfig::checkTextualContentType);
        correlationRequestHeaders = List.copyOf(correlationRequestHeaders);
        correlationRequestHeaders.forEach(AuditFilterConfig::checkHeaderName);
        if (correlationResponseHeader != null) {
            correlationResponseHeader = checkHeaderName(correlationResponseHeader);
        }
        mdcKey = blankToNull(mdcKey);
        trustedProxies = List.copyOf(trustedProxies);
        serviceName = blankToNull(serviceName);
        // Fail at start-up, not on the first request.
        includePaths.forEach(PathPattern::compile);
        excludePaths.forEach(PathPattern::compile);
        bodyExcludePaths.forEach(PathPattern::compile);
        trustedProxies.forEach(IpRange::parse);
    }

    private static String checkMethod(@Nullable String method) {
        String upper = method == null ? "" : method.trim().toUpperCase(Locale.ROOT);
        if (!REGISTERED_METHOD_SET.contains(upper)) {
            throw new IllegalArgumentException("not a registered HTTP method: '" + method + "' (known: "
                    + String.join(", ", REGISTERED_METHODS) + ")");
        }
        return upper;
    }

    private static String checkHeaderName(@Nullable String header) {
        String trimmed = header == null ? "" : header.trim();
        if (trimmed.isEmpty()) {
            throw new IllegalArgumentException("a header name must not be empty");
        }
        if (!TOKEN.matcher(trimmed).matches()) {
            throw new IllegalArgumentException("not a valid header name (an RFC 9110 token: letters, digits and "
                    + "!#$%&'*+-.^_`|~, no spaces): '" + header + "'");
        }
        return trimmed;
    }

    private static void checkTextualContentType(@Nullable String type) {
        String trimmed = type == null ? "" : type.trim();
        boolean valid;
        if (trimmed.startsWith("+")) {
            valid = TOKEN.matcher(trimmed.substring(1)).matches();
        } else {
            int slash = trimmed.indexOf('/');
            valid = slash > 0 && !trimmed.substring(0, slash).equals("*")
                    && TOKEN.matcher(trimmed.substring(0, slash)).matches()
                    && TOKEN.matcher(trimmed.substring(slash + 1)).matches();
        }
        if (!valid) {
            throw new IllegalArgumentException("not a media type to capture as text (type/subtype, type/* or +suffix, "
                    + "without parameters): '" + type + "'");
        }
    }

    /** The defaults described on each component. */
    public static AuditFilterConfig defaults() {
        return builder().build();
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.includePaths = includePaths;
        builder.excludePaths = excludePaths;
        builder.methods = methods;
        builder.bodyMaxBytes = bodyMaxBytes;
        builder.bodyCapture = bodyCapture;
        builder.bodyExcludePaths = bodyExcludePaths;
        builder.textualContentTypes = textualContentTypes;
        builder.correlationRequestHeaders = correlationRequestHeaders;
        builder.correlationResponseHeader = correlationResponseHeader;
        builder.mdcKey = mdcKey;
        builder.trustedProxies = trustedProxies;
        builder.serviceName = serviceName;
        return builder;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    /** Builds an {@link AuditFilterConfig}; every setter replaces the previous value. */
    public static final class Builder {
        private Collection<String> includePaths = DEFAULT_INCLUDE_PATHS;
        private Collection<String> excludePaths = List.of("/favicon.ico");
        private Collection<String> methods = List.of();
        private int bodyMaxBytes = DEFAULT_BODY_MAX_BYTES;
        private BodyCaptureMode bodyCapture = DEFAULT_BODY_CAPTURE;
        private Collection<String> bodyExcludePaths = List.of();
        private Collection<String> textualContentTypes = DEFAULT_TEXTUAL_CONTENT_TYPES;
        private Collection<String> correlationRequestHeaders = DEFAULT_CORRELATION_REQUEST_HEADERS;
        private @Nullable String correlationResponseHeader = DEFAULT_CORRELATION_RESPONSE_HEADER;
        private @Nullable String mdcKey = DEFAULT_MDC_KEY;
        private Collection<String> trustedProxies = List.of();
        private @Nullable String serviceName;

        private Builder() {
        }

        /** Paths audited. */
        public Builder includePaths(String... patterns) {
            return includePaths(Arrays.asList(patterns));
        }

        /** Paths audited. */
        public Builder includePaths(Collection<String> patterns) {
            this.includePaths = List.copyOf(patterns);
            return this;
        }

        /** Paths never audited (and never wrapped). */
        public Builder excludePaths(String... patterns) {
            return excludePaths(Arrays.asList(patterns));
        }

        /** Paths never audited (and never wrapped). */
        public Builder excludePaths(Collection<String> patterns) {
            this.excludePaths = List.copyOf(patterns);
            return this;
        }

        /** HTTP methods audited; none means all. */
        public Builder methods(String... methods) {
            return methods(Arrays.asList(methods));
        }

        /** HTTP methods audited; none means all. */
        public Builder methods(Collection<String> methods) {
            this.methods = List.copyOf(methods);
            return this;
        }

        /** Capture limit per body, in bytes. */
        public Builder bodyMaxBytes(int bodyMaxBytes) {
            this.bodyMaxBytes = bodyMaxBytes;
            return this;
        }

        /** When body contents are recorded. */
        public Builder bodyCapture(BodyCaptureMode bodyCapture) {
            this.bodyCapture = bodyCapture;
            return this;
        }

        /** Paths audited without body contents. */
        public Builder bodyExcludePaths(String... patterns) {
            return bodyExcludePaths(Arrays.asList(patterns));
        }

        /** Paths audited without body contents. */
        public Builder bodyExcludePaths(Collection<String> patterns) {
            this.bodyExcludePaths = List.copyOf(patterns);
            return this;
        }

        /** Media types captured as text (replaces the defaults). */
        public Builder textualContentTypes(String... types) {
            return textualContentTypes(Arrays.asList(types));
        }

        /** Media types captured as text (replaces the defaults). */
        public Builder textualContentTypes(Collection<String> types) {
            this.textualContentTypes = List.copyOf(types);
            return this;
        }

        /** Inbound headers tried in order for the correlation ID. */
        public Builder correlationRequestHeaders(String... headers) {
            return correlationRequestHeaders(Arrays.asList(headers));
        }

        /** Inbound headers tried in order for the correlation ID. */
        public Builder correlationRequestHeaders(Collection<String> headers) {
            this.correlationRequestHeaders = List.copyOf(headers);
            return this;
        }

        /** Response header echoing the correlation ID; {@code null} for none (blank is refused). */
        public Builder correlationResponseHeader(@Nullable String header) {
            this.correlationResponseHeader = header;
            return this;
        }

        /** MDC key of the correlation ID; {@code null} for none. */
        public Builder mdcKey(@Nullable String mdcKey) {
            this.mdcKey = mdcKey;
            return this;
        }

        /** Addresses or CIDR blocks of trusted proxies. */
        public Builder trustedProxies(String... proxies) {
            return trustedProxies(Arrays.asList(proxies));
        }

        /** Addresses or CIDR blocks of trusted proxies. */
        public Builder trustedProxies(Collection<String> proxies) {
            this.trustedProxies = List.copyOf(proxies);
            return this;
        }

        /** {@code service.name}. */
        public Builder serviceName(@Nullable String serviceName) {
            this.serviceName = serviceName;
            return this;
        }

        /** The configuration; throws {@link IllegalArgumentException} when a value is invalid. */
        public AuditFilterConfig build() {
            return new AuditFilterConfig(List.copyOf(includePaths), List.copyOf(excludePaths), Set.copyOf(methods),
                    bodyMaxBytes, bodyCapture, List.copyOf(bodyExcludePaths), List.copyOf(textualContentTypes),
                    List.copyOf(correlationRequestHeaders), correlationResponseHeader, mdcKey,
                    List.copyOf(trustedProxies), serviceName);
        }
    }
}
