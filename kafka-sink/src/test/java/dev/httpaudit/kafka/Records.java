package dev.httpaudit.kafka;

import dev.httpaudit.core.StrictJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import tools.jackson.databind.JsonNode;

/** Reading audit records back in tests. */
final class Records {

    private Records() {
    }

    /** The value parsed strictly (duplicate keys, trailing content: an error). */
    static JsonNode json(ConsumerRecord<byte[], byte[]> record) {
        return StrictJson.parse(record.value());
    }

    /** The {@code n} query parameter of the audited request. */
    static int n(ConsumerRecord<byte[], byte[]> record) {
        return Integer.parseInt(json(record).path("url").path("query").asString().replace("n=", ""));
    }

    static String eventId(ConsumerRecord<byte[], byte[]> record) {
        return json(record).path("event").path("id").asString();
    }

    static String key(ConsumerRecord<byte[], byte[]> record) {
        return new String(record.key(), StandardCharsets.UTF_8);
    }

    /** The value of the one header named {@code name}. */
    static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        List<Header> headers = List.of(record.headers().toArray()).stream().filter(h -> h.key().equals(name)).toList();
        if (headers.size() != 1) {
            throw new AssertionError("expected one header " + name + ", found " + headers.size());
        }
        return new String(headers.get(0).value(), StandardCharsets.UTF_8);
    }
}
