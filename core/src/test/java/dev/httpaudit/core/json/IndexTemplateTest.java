package dev.httpaudit.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.SampleEvents;
import dev.httpaudit.core.StrictJson;
import dev.httpaudit.core.json.EcsSchema.DocRow;
import dev.httpaudit.core.json.EcsSchema.EcsField;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * docs/elasticsearch-index-template.json against the JSON writer and ECS: every leaf field
 * the writer emits (for every sample event, which together emit every documented field) has
 * a mapping of a type that accepts its value, every field the template maps is an ECS field
 * with ECS's type or an extension the writer emits and docs/event-schema.md documents, so
 * that template, writer and ECS cannot drift apart. {@code ecs.version} is mapped ahead of
 * the writer emitting it (an ECS field, so allowed); once the writer emits it, the first
 * test checks its value against the mapping like every other field.
 */
class IndexTemplateTest {

    private static final Set<String> STRING_TYPES = Set.of("keyword", "wildcard", "match_only_text", "text",
            "constant_keyword");

    private static EcsSchema schema;
    private static JsonNode template;
    private static Map<String, Mapped> mapped;

    /** One mapped field: its dotted path, mapping type and mapping (multi-fields are their own entries). */
    record Mapped(String path, String type, JsonNode mapping) {
    }

    @BeforeAll
    static void readTemplate() throws IOException {
        schema = EcsSchema.load();
        Path file = EcsSchema.findInProject(Path.of("docs", "elasticsearch-index-template.json"),
                "elasticsearch.index.template");
        template = StrictJson.parse(Files.readString(file, StandardCharsets.UTF_8));
        mapped = new LinkedHashMap<>();
        collect("", template.at("/template/mappings/properties"), mapped);
    }

    @Test
    void isAComposableIndexTemplate() {
        assertThat(template.path("index_patterns").isArray()).isTrue();
        assertThat(template.path("index_patterns")).isNotEmpty().allMatch(JsonNode::isString);
        assertThat(template.path("priority").isIntegralNumber()).isTrue();
        assertThat(template.at("/template/mappings/properties").isObject()).isTrue();
        assertThat(template.has("mappings") || template.has("settings") || template.has("order"))
                .as("legacy (_template) keys at the top level").isFalse();
        Set<String> allowed = Set.of("index_patterns", "template", "priority", "version", "_meta", "composed_of",
                "data_stream", "allow_auto_create");
        template.propertyNames().forEach(name -> assertThat(allowed).as("top-level key %s", name).contains(name));
    }

    @Test
    void everyFieldTheWriterEmitsIsMappedWithATypeThatAcceptsItsValue() {
        Set<String> problems = new TreeSet<>();
        int checked = 0;
        for (AuditEvent event : SampleEvents.all()) {
            for (Map.Entry<String, JsonNode> leaf : EventSchemaTest.leaves(event).entrySet()) {
                mappingProblem(leaf.getKey(), leaf.getValue()).ifPresent(problems::add);
                checked++;
            }
        }
        assertThat(checked).isGreaterThan(50);
        assertThat(problems).as("emitted fields without a fitting mapping").isEmpty();
    }

    @Test
    void everyMappedEcsFieldHasEcsTypeAndEveryOtherMappedFieldIsAnEmittedDocumentedExtension() {
        Set<String> emitted = new LinkedHashSet<>();
        for (AuditEvent event : SampleEvents.all()) {
            emitted.addAll(EventSchemaTest.leaves(event).keySet());
        }
        Set<String> problems = new TreeSet<>();
        for (Mapped field : mapped.values()) {
            EcsField ecs = schema.ecs().get(field.path());
            if (ecs != null) {
                if (!ecs.type().equals(field.type())) {
                    problems.add(field.path() + " is " + field.type() + ", ECS says " + ecs.type());
                }
                continue;
            }
            boolean emittedHere = field.type().equals("flattened")
                    ? emitted.stream().anyMatch(path -> path.startsWith(field.path() + "."))
                    : emitted.contains(field.path());
            String probe = field.type().equals("flattened") ? field.path() + ".any-name" : field.path();
            DocRow row = schema.documentedRow(probe);
            if (!emittedHere || row == null || !row.extension()) {
                problems.add(field.path() + " (" + field.type() + ") is neither ECS nor an emitted, documented extension");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void extensionsAreMappedAsDocumented() {
        assertThat(mapped.get("http.request.headers").type()).isEqualTo("flattened");
        assertThat(mapped.get("http.response.headers").type()).isEqualTo("flattened");
        assertThat(mapped.get("http.route").type()).isEqualTo("keyword");
        for (String side : List.of("request", "response")) {
            for (String flag : List.of("truncated", "reconstructed", "read")) {
                assertThat(mapped.get("http." + side + ".body." + flag).type()).isEqualTo("boolean");
            }
            Mapped content = mapped.get("http." + side + ".body.content");
            assertThat(content.type()).isEqualTo("wildcard");
            assertThat(content.mapping().path("ignore_above").asInt()).as("an index limit on body content")
                    .isPositive();
            assertThat(mapped.get("http." + side + ".body.content.text").type()).isEqualTo("match_only_text");
        }
    }

    @Test
    void ecsVersionIsMappedAsKeywordAheadOfTheWriter() {
        assertThat(mapped.get("ecs.version").type()).isEqualTo("keyword");
    }

    @Test
    void labelsAreKeywordsThroughTheOnlyDynamicTemplate() {
        JsonNode dynamic = template.at("/template/mappings/dynamic_templates");
        assertThat(dynamic).hasSize(1);
        JsonNode labels = dynamic.get(0).path("labels_as_keywords");
        assertThat(labels.path("path_match").asString()).isEqualTo("labels.*");
        assertThat(labels.at("/mapping/type").asString()).isEqualTo("keyword");
        assertThat(schema.ecs().get("labels").type()).isEqualTo("object");
        assertThat(mappingProblem("labels.tenant", StrictJson.parse("\"acme\""))).isEmpty();
        assertThat(mappingProblem("labels.tenant", StrictJson.parse("3"))).as("not a string").isPresent();
    }

    @Test
    void theCheckRejectsUnmappedAndMistypedFields() {
        assertThat(mappingProblem("http.request.referrer", StrictJson.parse("\"x\""))).isPresent();
        assertThat(mappingProblem("http.response.status_code", StrictJson.parse("\"200\""))).isPresent();
        assertThat(mappingProblem("event.start", StrictJson.parse("\"yesterday\""))).isPresent();
        assertThat(mappingProblem("client.ip", StrictJson.parse("\"localhost\""))).isPresent();
        assertThat(mappingProblem("http.request.headers.accept", StrictJson.parse("[\"a\",\"b\"]"))).isEmpty();
        assertThat(mappingProblem("http.request.headers.accept", StrictJson.parse("[1]"))).isPresent();
        assertThat(mappingProblem("event.category", StrictJson.parse("[\"web\"]"))).isEmpty();
    }

    /** Why this leaf has no mapping that accepts its value; empty when it has one. */
    private static Optional<String> mappingProblem(String path, JsonNode value) {
        Mapped field = mapped.get(path);
        if (field != null) {
            return accepts(field.type(), value) ? Optional.empty()
                    : Optional.of(path + " = " + value + " does not fit its mapping " + field.type());
        }
        for (String parent = parentOf(path); parent != null; parent = parentOf(parent)) {
            Mapped ancestor = mapped.get(parent);
            if (ancestor != null && ancestor.type().equals("flattened")) {
                return stringOrStrings(value) ? Optional.empty()
                        : Optional.of(path + " = " + value + " is not keywords for the flattened " + parent);
            }
            if (ancestor != null && ancestor.type().equals("object")) {
                for (JsonNode entry : template.at("/template/mappings/dynamic_templates")) {
                    JsonNode rule = entry.properties().iterator().next().getValue();
                    if (glob(rule.path("path_match").asString()).matcher(path).matches()
                            && rule.path("match_mapping_type").asString().equals("string") && value.isString()) {
                        String type = rule.at("/mapping/type").asString();
                        return accepts(type, value) ? Optional.empty()
                                : Optional.of(path + " = " + value + " does not fit its dynamic mapping " + type);
                    }
                }
                return Optional.of(path + " = " + value + " is left to dynamic mapping under " + parent);
            }
        }
        return Optional.of(path + " is not mapped");
    }

    /** Whether a field of this Elasticsearch type indexes this JSON value (an array: each of its elements). */
    private static boolean accepts(String type, JsonNode value) {
        if (value.isArray()) {
            if (value.isEmpty()) {
                return false;
            }
            for (JsonNode element : value) {
                if (!accepts(type, element)) {
                    return false;
                }
            }
            return true;
        }
        if (STRING_TYPES.contains(type)) {
            return value.isString();
        }
        return switch (type) {
            case "long" -> value.isIntegralNumber();
            case "boolean" -> value.isBoolean();
            case "date" -> value.isString() && EcsSchema.isInstant(value.asString());
            case "ip" -> value.isString() && value.asString().matches("[0-9A-Fa-f.:]+");
            default -> false;
        };
    }

    private static boolean stringOrStrings(JsonNode value) {
        return value.isString() || value.isArray() && !value.isEmpty() && value.valueStream().allMatch(JsonNode::isString);
    }

    /** Mapped fields by dotted path: leaves, flattened and object fields, and multi-fields as {@code path.name}. */
    private static void collect(String prefix, JsonNode properties, Map<String, Mapped> out) {
        for (Map.Entry<String, JsonNode> property : properties.properties()) {
            String path = prefix.isEmpty() ? property.getKey() : prefix + "." + property.getKey();
            JsonNode mapping = property.getValue();
            if (mapping.has("properties")) {
                assertThat(mapping.path("type").asString("object")).as("type of %s", path).isEqualTo("object");
                collect(path, mapping.get("properties"), out);
                continue;
            }
            assertThat(mapping.path("type").isString()).as("%s has a type", path).isTrue();
            out.put(path, new Mapped(path, mapping.get("type").asString(), mapping));
            for (Map.Entry<String, JsonNode> multi : mapping.path("fields").properties()) {
                out.put(path + "." + multi.getKey(),
                        new Mapped(path + "." + multi.getKey(), multi.getValue().path("type").asString(), multi.getValue()));
            }
        }
    }

    private static Pattern glob(String pattern) {
        List<String> parts = new ArrayList<>(List.of(pattern.split("\\*", -1)));
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < parts.size(); i++) {
            regex.append(Pattern.quote(parts.get(i)));
            if (i < parts.size() - 1) {
                regex.append(".*");
            }
        }
        return Pattern.compile(regex.toString());
    }

    private static String parentOf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? null : path.substring(0, dot);
    }
}
