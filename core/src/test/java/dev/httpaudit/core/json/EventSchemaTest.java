package dev.httpaudit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.SampleEvents;
import dev.httpaudit.core.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The writer's fields against ECS ({@code shared/ecs/fields.csv}, a sibling of the checkout)
 * and against docs/event-schema.md, so that code, docs and ECS cannot drift apart. Fails,
 * never skips, when a reference file is missing.
 */
class EventSchemaTest {

    private static Map<String, EcsField> ecs;
    private static List<DocRow> doc;
    private static String docText;

    @BeforeAll
    static void readReferences() throws IOException {
        ecs = EcsFields.read(findUpwards(Path.of("shared", "ecs", "fields.csv"), "ecs.fields.csv"));
        Path docFile = findUpwards(Path.of("docs", "event-schema.md"), "event.schema.md");
        docText = Files.readString(docFile, StandardCharsets.UTF_8);
        doc = DocRow.parseTable(docText);
    }

    @Test
    void referenceFilesAreReadCompletely() {
        assertThat(ecs).hasSizeGreaterThan(1000).containsKeys("http.request.method", "labels", "@timestamp");
        assertThat(ecs.get("http.response.status_code").type()).isEqualTo("long");
        assertThat(ecs.get("user.roles").normalization()).contains("array");
        assertThat(doc).extracting(DocRow::name).contains("http.request.headers.*", "labels.*", "event.id");
    }

    @Test
    void everyEmittedFieldIsDocumentedWithItsJsonType() {
        for (AuditEvent event : SampleEvents.all()) {
            for (Map.Entry<String, JsonNode> leaf : leaves(event).entrySet()) {
                DocRow row = documentedRow(leaf.getKey());
                assertThat(row).as("%s is documented in docs/event-schema.md", leaf.getKey()).isNotNull();
                assertThat(row.accepts(leaf.getValue()))
                        .as("%s = %s is a %s as documented", leaf.getKey(), leaf.getValue(), row.jsonType())
                        .isTrue();
            }
        }
    }

    @Test
    void everyDocumentedFieldIsEmitted() {
        Set<String> emittedRows = new LinkedHashSet<>();
        for (AuditEvent event : SampleEvents.all()) {
            for (String path : leaves(event).keySet()) {
                DocRow row = documentedRow(path);
                if (row != null) {
                    emittedRows.add(row.name());
                }
            }
        }
        assertThat(emittedRows).containsExactlyInAnyOrderElementsOf(doc.stream().map(DocRow::name).toList());
    }

    @Test
    void everyEcsFieldIsInEcsWithACompatibleType() {
        for (AuditEvent event : SampleEvents.all()) {
            for (Map.Entry<String, JsonNode> leaf : leaves(event).entrySet()) {
                DocRow row = documentedRow(leaf.getKey());
                if (row == null || row.extension()) {
                    continue; // undocumented fields fail the test above; extensions are checked below
                }
                String path = leaf.getKey();
                JsonNode value = leaf.getValue();
                EcsField field = ecs.get(path);
                if (field == null) {
                    // a key under an ECS object field, such as labels.*
                    EcsField parent = ecs.get(path.substring(0, path.lastIndexOf('.')));
                    assertThat(parent).as("%s or its parent is an ECS field", path).isNotNull();
                    assertThat(parent.type()).as("ECS type of the parent of %s", path).isEqualTo("object");
                    assertThat(value.isString()).as("%s under an ECS object is a keyword string", path).isTrue();
                    continue;
                }
                if (value.isArray()) {
                    assertThat(field.normalization()).as("%s is an array in ECS", path).contains("array");
                    assertThat(value).as("%s is not empty", path).isNotEmpty();
                    value.forEach(element -> assertCompatible(path, field, element));
                } else {
                    assertCompatible(path, field, value);
                }
            }
        }
    }

    @Test
    void documentedEcsRowsAreInEcsAndExtensionRowsAreNot() {
        for (DocRow row : doc) {
            String name = row.name();
            String ecsName = name.endsWith(".*") ? name.substring(0, name.length() - 2) : name;
            if (row.extension()) {
                assertThat(ecs).as("extension %s is not an ECS field (else it is not an extension)", name)
                        .doesNotContainKey(name);
                assertThat(ecs).as("extension %s's parent %s is not an ECS field", name, ecsName)
                        .doesNotContainKey(ecsName);
            } else if (name.endsWith(".*")) {
                assertThat(ecs.get(ecsName)).as("%s is an ECS object", ecsName).isNotNull()
                        .extracting(EcsField::type).isEqualTo("object");
            } else {
                assertThat(ecs).as("%s is marked ECS in the docs", name).containsKey(name);
                assertThat(row.compatibleWithEcsType(ecs.get(name)))
                        .as("documented type %s of %s fits ECS type %s", row.jsonType(), name, ecs.get(name).type())
                        .isTrue();
            }
        }
    }

    @Test
    void theExtensionsAreExactlyTheDocumentedOnes() {
        assertThat(doc.stream().filter(DocRow::extension).map(DocRow::name).toList()).containsExactlyInAnyOrder(
                "http.request.headers.*", "http.response.headers.*",
                "http.request.body.truncated", "http.response.body.truncated",
                "http.request.body.reconstructed", "http.response.body.reconstructed",
                "http.request.body.read", "http.response.body.read",
                "http.route");
    }

    @Test
    void docExamplesAreExactlyWhatTheWriterWrites() {
        List<JsonNode> examples = new ArrayList<>();
        Matcher block = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(docText);
        while (block.find()) {
            examples.add(StrictJson.parse(block.group(1)));
        }
        assertThat(examples).as("JSON examples in docs/event-schema.md").hasSize(3);
        assertThat(examples.get(0)).as("the full example").isEqualTo(written(SampleEvents.full()));
        assertThat(examples.get(1)).as("the form example").isEqualTo(written(SampleEvents.bodyFlags()));
        assertThat(examples.get(2)).as("the smallest example").isEqualTo(written(SampleEvents.minimal()));
    }

    @Test
    void leavesAreFlattenedToDottedPaths() {
        Map<String, JsonNode> leaves = leaves(SampleEvents.full());

        assertThat(leaves).containsKeys("http.response.status_code", "http.request.headers.accept", "labels.tenant",
                "@timestamp", "user.roles");
        assertThat(leaves.get("http.request.headers.accept")).hasSize(2);
        assertThat(leaves).doesNotContainKeys("http", "http.request", "http.request.headers");
    }

    private static void assertCompatible(String path, EcsField field, JsonNode value) {
        switch (field.type()) {
            case "keyword", "wildcard", "match_only_text", "text", "constant_keyword", "ip" ->
                    assertThat(value.isString()).as("%s (ECS %s) is a string: %s", path, field.type(), value).isTrue();
            case "long" -> assertThat(value.isIntegralNumber())
                    .as("%s (ECS long) is an integer number: %s", path, value).isTrue();
            case "date" -> {
                assertThat(value.isString()).as("%s (ECS date) is a string: %s", path, value).isTrue();
                try {
                    Instant.parse(value.asString());
                } catch (DateTimeParseException e) {
                    fail("%s (ECS date) is not an ISO-8601 instant: %s", path, value);
                }
            }
            case "boolean" -> assertThat(value.isBoolean()).as("%s (ECS boolean): %s", path, value).isTrue();
            default -> fail("%s has ECS type %s, which this writer never emits", path, field.type());
        }
    }

    private static DocRow documentedRow(String path) {
        for (DocRow row : doc) {
            if (row.matches(path)) {
                return row;
            }
        }
        return null;
    }

    private static JsonNode written(AuditEvent event) {
        return StrictJson.parse(EventJsonWriter.instance().toJson(event));
    }

    /** Leaf fields of the written JSON by dotted path; an array counts as one field. */
    static Map<String, JsonNode> leaves(AuditEvent event) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        flatten("", written(event), leaves);
        return leaves;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> out) {
        if (node.isObject()) {
            assertThat(node.isEmpty()).as("empty object at %s", prefix).isFalse();
            for (Map.Entry<String, JsonNode> child : node.properties()) {
                flatten(prefix.isEmpty() ? child.getKey() : prefix + "." + child.getKey(), child.getValue(), out);
            }
        } else {
            assertThat(node.isNull()).as("null at %s", prefix).isFalse();
            out.put(prefix, node);
        }
    }

    /**
     * Finds {@code relative} in the working directory or one of its ancestors: the core
     * module runs tests in {@code core/}, and CI clones the project next to {@code shared/}.
     */
    static Path findUpwards(Path relative, String overrideProperty) {
        String override = System.getProperty(overrideProperty);
        if (override != null) {
            return Path.of(override);
        }
        List<Path> tried = new ArrayList<>();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
            tried.add(candidate);
        }
        return fail("%s not found (set -D%s=...); tried %s", relative, overrideProperty, tried);
    }

    record EcsField(String name, String type, String normalization) {
    }

    /** Reads ECS's generated fields.csv (RFC 4180: quoted fields may hold commas, quotes, newlines). */
    static final class EcsFields {

        static Map<String, EcsField> read(Path csv) throws IOException {
            List<List<String>> records = parse(Files.readString(csv, StandardCharsets.UTF_8));
            List<String> header = records.get(0);
            int field = header.indexOf("Field");
            int type = header.indexOf("Type");
            int normalization = header.indexOf("Normalization");
            assertThat(List.of(field, type, normalization)).as("columns of %s", csv).doesNotContain(-1);
            Map<String, EcsField> fields = new LinkedHashMap<>();
            for (List<String> record : records.subList(1, records.size())) {
                if (record.size() == header.size()) {
                    fields.put(record.get(field),
                            new EcsField(record.get(field), record.get(type), record.get(normalization)));
                } else {
                    assertThat(record).as("record of %s", csv).containsOnly("");
                }
            }
            return fields;
        }

        static List<List<String>> parse(String text) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        cell.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    record.add(cell.toString());
                    cell.setLength(0);
                } else if (c == '\n') {
                    record.add(cell.toString());
                    cell.setLength(0);
                    records.add(record);
                    record = new ArrayList<>();
                } else if (c != '\r') {
                    cell.append(c);
                }
            }
            if (cell.length() > 0 || !record.isEmpty()) {
                record.add(cell.toString());
                records.add(record);
            }
            return records;
        }
    }

    /** One row of the field table of docs/event-schema.md. */
    record DocRow(String name, String jsonType, boolean extension) {

        private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| ([^|]+?) \\| (ECS|extension) \\|.*\\|$");

        static List<DocRow> parseTable(String markdown) {
            List<DocRow> rows = new ArrayList<>();
            boolean inTable = false;
            for (String line : markdown.split("\n")) {
                if (line.startsWith("| Field | JSON type | ECS or extension |")) {
                    inTable = true;
                    continue;
                }
                if (!inTable || line.startsWith("|---")) {
                    continue;
                }
                if (!line.startsWith("|")) {
                    break;
                }
                Matcher m = ROW.matcher(line);
                assertThat(m.matches()).as("field table row: %s", line).isTrue();
                rows.add(new DocRow(m.group(1), m.group(2).trim(), m.group(3).equals("extension")));
            }
            assertThat(rows).as("rows of the field table in docs/event-schema.md").isNotEmpty();
            assertThat(rows.stream().map(DocRow::name).distinct().count()).as("no field documented twice")
                    .isEqualTo(rows.size());
            rows.forEach(row -> assertThat(row.jsonType())
                    .isIn("string", "string (date)", "integer", "boolean", "array of strings"));
            return rows;
        }

        boolean matches(String path) {
            if (name.endsWith(".*")) {
                String prefix = name.substring(0, name.length() - 1);
                return path.startsWith(prefix) && path.length() > prefix.length();
            }
            return name.equals(path);
        }

        boolean accepts(JsonNode value) {
            return switch (jsonType) {
                case "string" -> value.isString() && !value.asString().isEmpty();
                case "string (date)" -> value.isString() && isInstant(value.asString());
                case "integer" -> value.isIntegralNumber();
                case "boolean" -> value.isBoolean();
                case "array of strings" -> value.isArray() && !value.isEmpty()
                        && value.valueStream().allMatch(JsonNode::isString);
                default -> false;
            };
        }

        boolean compatibleWithEcsType(EcsField field) {
            String scalar = jsonType.equals("array of strings") ? "string" : jsonType;
            if (jsonType.equals("array of strings") && !field.normalization().contains("array")) {
                return false;
            }
            return switch (field.type()) {
                case "keyword", "wildcard", "match_only_text", "text", "constant_keyword", "ip" -> scalar.equals("string");
                case "long" -> scalar.equals("integer");
                case "date" -> scalar.equals("string (date)");
                case "boolean" -> scalar.equals("boolean");
                default -> false;
            };
        }

        private static boolean isInstant(String text) {
            try {
                Instant.parse(text);
                return true;
            } catch (DateTimeParseException e) {
                return false;
            }
        }
    }
}
