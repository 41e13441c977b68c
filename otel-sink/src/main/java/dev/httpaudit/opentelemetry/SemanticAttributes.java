package dev.httpaudit.opentelemetry;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.logs.LogRecordBuilder;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The attributes of an event's record, named after the OpenTelemetry semantic conventions
 * (HTTP server, URL, client, server, user agent, network, error, exception, user, log), read
 * from the event's ECS field tree, so they hold exactly the redacted strings the JSON body
 * holds. What the conventions do not name stays in the body only. docs/opentelemetry.md lists
 * every attribute with the field it comes from.
 */
final class SemanticAttributes {

    static final AttributeKey<String> HTTP_REQUEST_METHOD = AttributeKey.stringKey("http.request.method");
    static final AttributeKey<String> HTTP_REQUEST_METHOD_ORIGINAL = AttributeKey.stringKey("http.request.method_original");
    static final AttributeKey<Long> HTTP_RESPONSE_STATUS_CODE = AttributeKey.longKey("http.response.status_code");
    static final AttributeKey<String> HTTP_ROUTE = AttributeKey.stringKey("http.route");
    static final AttributeKey<Long> HTTP_REQUEST_BODY_SIZE = AttributeKey.longKey("http.request.body.size");
    static final AttributeKey<Long> HTTP_RESPONSE_BODY_SIZE = AttributeKey.longKey("http.response.body.size");
    static final String HTTP_REQUEST_HEADER_PREFIX = "http.request.header.";
    static final String HTTP_RESPONSE_HEADER_PREFIX = "http.response.header.";
    static final AttributeKey<String> URL_PATH = AttributeKey.stringKey("url.path");
    static final AttributeKey<String> URL_QUERY = AttributeKey.stringKey("url.query");
    static final AttributeKey<String> URL_SCHEME = AttributeKey.stringKey("url.scheme");
    static final AttributeKey<String> SERVER_ADDRESS = AttributeKey.stringKey("server.address");
    static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
    static final AttributeKey<String> CLIENT_ADDRESS = AttributeKey.stringKey("client.address");
    static final AttributeKey<Long> CLIENT_PORT = AttributeKey.longKey("client.port");
    static final AttributeKey<String> USER_AGENT_ORIGINAL = AttributeKey.stringKey("user_agent.original");
    static final AttributeKey<String> NETWORK_PROTOCOL_VERSION = AttributeKey.stringKey("network.protocol.version");
    static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
    static final AttributeKey<String> EXCEPTION_TYPE = AttributeKey.stringKey("exception.type");
    static final AttributeKey<String> EXCEPTION_MESSAGE = AttributeKey.stringKey("exception.message");
    static final AttributeKey<String> USER_NAME = AttributeKey.stringKey("user.name");
    static final AttributeKey<List<String>> USER_ROLES = AttributeKey.stringArrayKey("user.roles");
    static final AttributeKey<String> LOG_RECORD_UID = AttributeKey.stringKey("log.record.uid");

    /**
     * The methods the HTTP conventions know (RFC 9110 and PATCH, RFC 5789); any other is
     * {@code _OTHER}, with the method as sent in {@code http.request.method_original}.
     * Case-sensitive, as the conventions say.
     */
    static final Set<String> KNOWN_METHODS = Set.of("CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST",
            "PUT", "TRACE");

    /** The value of {@code http.request.method} for a method the conventions do not know. */
    static final String OTHER_METHOD = "_OTHER";

    private SemanticAttributes() {
    }

    /** Sets the attributes of the event whose ECS field tree is {@code document} on {@code record}. */
    static void addTo(LogRecordBuilder record, Map<String, Object> document) {
        Map<String, Object> http = object(document, "http");
        Map<String, Object> request = object(http, "request");
        Map<String, Object> response = object(http, "response");

        String method = text(request, "method");
        if (method != null) {
            if (KNOWN_METHODS.contains(method)) {
                record.setAttribute(HTTP_REQUEST_METHOD, method);
            } else {
                record.setAttribute(HTTP_REQUEST_METHOD, OTHER_METHOD);
                record.setAttribute(HTTP_REQUEST_METHOD_ORIGINAL, method);
            }
        }
        Long status = number(response, "status_code");
        putNumber(record, HTTP_RESPONSE_STATUS_CODE, status);
        putText(record, HTTP_ROUTE, text(http, "route"));
        putText(record, NETWORK_PROTOCOL_VERSION, text(http, "version"));
        putNumber(record, HTTP_REQUEST_BODY_SIZE, number(object(request, "body"), "bytes"));
        putNumber(record, HTTP_RESPONSE_BODY_SIZE, number(object(response, "body"), "bytes"));
        putHeaders(record, HTTP_REQUEST_HEADER_PREFIX, object(request, "headers"));
        putHeaders(record, HTTP_RESPONSE_HEADER_PREFIX, object(response, "headers"));

        Map<String, Object> url = object(document, "url");
        putText(record, URL_PATH, text(url, "path"));
        putText(record, URL_QUERY, text(url, "query"));
        putText(record, URL_SCHEME, text(url, "scheme"));
        putText(record, SERVER_ADDRESS, text(url, "domain"));
        putNumber(record, SERVER_PORT, number(url, "port"));

        Map<String, Object> client = object(document, "client");
        putText(record, CLIENT_ADDRESS, text(client, "ip"));
        putNumber(record, CLIENT_PORT, number(client, "port"));
        putText(record, USER_AGENT_ORIGINAL, text(object(document, "user_agent"), "original"));

        Map<String, Object> error = object(document, "error");
        String errorType = text(error, "type");
        if (errorType != null) {
            record.setAttribute(ERROR_TYPE, errorType);
            record.setAttribute(EXCEPTION_TYPE, errorType);
            putText(record, EXCEPTION_MESSAGE, text(error, "message"));
        } else if (status != null && status >= 500) {
            // The HTTP server conventions: a 5xx without an exception is an error of that status.
            record.setAttribute(ERROR_TYPE, Long.toString(status));
        }

        Map<String, Object> user = object(document, "user");
        putText(record, USER_NAME, text(user, "name"));
        List<String> roles = texts(user.get("roles"));
        if (roles != null) {
            record.setAttribute(USER_ROLES, roles);
        }
        putText(record, LOG_RECORD_UID, text(object(document, "event"), "id"));
    }

    private static void putHeaders(LogRecordBuilder record, String prefix, Map<String, Object> headers) {
        headers.forEach((name, values) -> {
            List<String> list = texts(values);
            if (list != null) {
                record.setAttribute(AttributeKey.stringArrayKey(prefix + name), list);
            }
        });
    }

    private static void putText(LogRecordBuilder record, AttributeKey<String> key, @Nullable String value) {
        if (value != null) {
            record.setAttribute(key, value);
        }
    }

    private static void putNumber(LogRecordBuilder record, AttributeKey<Long> key, @Nullable Long value) {
        if (value != null) {
            record.setAttribute(key, value);
        }
    }

    /** The object under {@code name}, or an empty one: the tree leaves absent objects out. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Map<String, Object> parent, String name) {
        return parent.get(name) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static @Nullable String text(Map<String, Object> parent, String name) {
        return parent.get(name) instanceof String text ? text : null;
    }

    private static @Nullable Long number(Map<String, Object> parent, String name) {
        Object value = parent.get(name);
        if (value instanceof Long number) {
            return number;
        }
        return value instanceof Integer number ? Long.valueOf(number) : null;
    }

    @SuppressWarnings("unchecked")
    private static @Nullable List<String> texts(@Nullable Object value) {
        return value instanceof List<?> list && !list.isEmpty() ? (List<String>) list : null;
    }
}
