package dev.httpaudit.core;

import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Parses JSON strictly, for tests: duplicate keys and trailing content are errors. */
public final class StrictJson {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private StrictJson() {
    }

    /** The parsed tree; throws on invalid JSON, duplicate keys or anything after the value. */
    public static JsonNode parse(String json) {
        return MAPPER.readTree(json);
    }

    /** The parsed tree of UTF-8 bytes. */
    public static JsonNode parse(byte[] json) {
        return MAPPER.readTree(json);
    }

    /** The mapper itself. */
    public static JsonMapper mapper() {
        return MAPPER;
    }
}
