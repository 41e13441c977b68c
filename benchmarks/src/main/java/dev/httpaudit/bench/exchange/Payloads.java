package dev.httpaudit.bench.exchange;

import java.nio.charset.StandardCharsets;

/** The bodies of the benchmarked exchanges: valid JSON of exact sizes. */
public final class Payloads {

    /** 1 KiB order request with a password field to mask. */
    public static final byte[] REQUEST_1K = request(1024);
    /** 4 KiB order response. */
    public static final byte[] RESPONSE_4K = response(4096);
    /** The password in {@link #REQUEST_1K}, to be masked. */
    public static final String PASSWORD = "hunter2-correct-horse";
    /** A bearer token, to be masked in the Authorization header. */
    public static final String AUTHORIZATION = "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2VjcmV0LXNpZ25hdHVyZQ";

    private Payloads() {
    }

    /** {@code {"customer":{...,"password":"..."},"items":[...],"note":"xxx"}} of exactly {@code size} bytes. */
    public static byte[] request(int size) {
        StringBuilder json = new StringBuilder(size);
        json.append("{\"customer\":{\"name\":\"Alice Example\",\"email\":\"alice@example.com\",")
                .append("\"password\":\"").append(PASSWORD).append("\"},\"items\":[");
        for (int i = 0; i < 8; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"sku\":\"BOOK-").append(1000 + i).append("\",\"qty\":").append(i + 1)
                    .append(",\"price\":").append(12.5 + i).append('}');
        }
        json.append("],\"note\":\"");
        return pad(json, size);
    }

    /** An order with many lines, exactly {@code size} bytes. */
    public static byte[] response(int size) {
        StringBuilder json = new StringBuilder(size);
        json.append("{\"id\":7,\"status\":\"new\",\"lines\":[");
        int budget = size - 64;
        for (int i = 0; json.length() < budget - 80; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"line\":").append(i).append(",\"sku\":\"BOOK-").append(1000 + i)
                    .append("\",\"qty\":2,\"price\":19.99}");
        }
        json.append("],\"note\":\"");
        return pad(json, size);
    }

    /** A JSON array of records, exactly {@code size} bytes (for the large-response benchmark). */
    public static byte[] largeArray(int size) {
        StringBuilder json = new StringBuilder(size);
        json.append("[");
        for (int i = 0; json.length() < size - 200; i++) {
            if (i > 0) {
                json.append(',');
            }
            json.append("{\"line\":").append(i).append(",\"sku\":\"BOOK-").append(i % 10000)
                    .append("\",\"qty\":2,\"price\":19.99}");
        }
        json.append(",{\"note\":\"");
        int closing = 3; // "}]
        while (json.length() < size - closing) {
            json.append('x');
        }
        json.append("\"}]");
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length != size) {
            throw new IllegalStateException(bytes.length + " != " + size);
        }
        return bytes;
    }

    /**
     * A JSON object of {@code fields} fields, every 10th of them an object holding one sensitive
     * field (password, token, secret, api_key, client_secret), padded to exactly {@code size} bytes.
     */
    public static byte[] manyFields(int fields, int size) {
        String[] sensitive = {"password", "token", "secret", "api_key", "client_secret"};
        StringBuilder json = new StringBuilder(size);
        json.append('{');
        int valueLength = Math.max(1, (size - fields * 22) / fields);
        for (int i = 0; i < fields - 1; i++) {
            if (i % 10 == 3) {
                // a nested object holding one sensitive field: 100 of the 1,000 fields
                json.append("\"account_").append(i).append("\":{\"").append(sensitive[(i / 10) % sensitive.length])
                        .append("\":\"").append("s".repeat(valueLength - 14)).append("\"},");
            } else if (i % 7 == 5) {
                json.append("\"field_").append(i).append("\":").append(i * 31).append(',');
            } else {
                json.append("\"field_").append(i).append("\":\"").append("v".repeat(valueLength)).append("\",");
            }
        }
        json.append("\"last\":\"");
        return pad(json, size, "\"}");
    }

    private static byte[] pad(StringBuilder json, int size) {
        return pad(json, size, "\"}");
    }

    private static byte[] pad(StringBuilder json, int size, String closing) {
        if (json.length() + closing.length() > size) {
            throw new IllegalStateException("body does not fit in " + size + " bytes: " + json.length());
        }
        while (json.length() < size - closing.length()) {
            json.append('x');
        }
        json.append(closing);
        byte[] bytes = json.toString().getBytes(StandardCharsets.UTF_8);
        if (bytes.length != size) {
            throw new IllegalStateException(bytes.length + " != " + size);
        }
        return bytes;
    }
}
