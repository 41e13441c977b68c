package dev.httpaudit.core.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Test support, published in core's test-jar: ECS's field list ({@code ecs/fields.csv} on the
 * test classpath, copied from ECS {@value #ECS_VERSION}; see {@code ecs/README.md} beside it)
 * and the field table of {@code docs/event-schema.md}, and the check
 * that one emitted leaf field is either an ECS field with a compatible JSON type or an
 * extension that the docs document. {@code EventSchemaTest} runs it on the writer's output;
 * the example apps run it on the lines their real log configuration writes.
 *
 * <p>{@code docs/event-schema.md} is found by searching upwards from the working directory (a
 * module's directory under Maven) up to the project's root, never beyond it;
 * {@code -Decs.fields.csv=...} and {@code -Devent.schema.md=...} point elsewhere. A missing
 * file fails the test, it never skips it.
 */
public final class EcsSchema {

    /** The ECS version of the bundled field list (its {@code ECS_Version} column). */
    public static final String ECS_VERSION = "9.4.0";

    private static final String FIELDS_RESOURCE = "/ecs/fields.csv";

    private final Map<String, EcsField> ecs;
    private final List<DocRow> doc;
    private final String docText;

    private EcsSchema(Map<String, EcsField> ecs, List<DocRow> doc, String docText) {
        this.ecs = ecs;
        this.doc = doc;
        this.docText = docText;
    }

    /** The distinct values of the field list's {@code ECS_Version} column (one, for a list ECS generated). */
    public java.util.Set<String> fieldListVersions() {
        java.util.Set<String> versions = new java.util.TreeSet<>();
        ecs.values().forEach(field -> versions.add(field.ecsVersion()));
        return versions;
    }

    /** Reads fields.csv and the field table of docs/event-schema.md, found upwards from the working directory. */
    public static EcsSchema load() {
        try {
            Map<String, EcsField> ecs = EcsFields.read(fieldsCsv());
            Path docFile = findInProject(Path.of("docs", "event-schema.md"), "event.schema.md");
            String docText = Files.readString(docFile, StandardCharsets.UTF_8);
            return new EcsSchema(ecs, DocRow.parseTable(docText), docText);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ECS's fields by dotted name. */
    public Map<String, EcsField> ecs() {
        return ecs;
    }

    /** The rows of the field table of docs/event-schema.md, in document order. */
    public List<DocRow> doc() {
        return doc;
    }

    /** The whole text of docs/event-schema.md. */
    public String docText() {
        return docText;
    }

    /** The documented row for a dotted leaf path (exact, or a {@code .*} row), or null. */
    public DocRow documentedRow(String path) {
        for (DocRow row : doc) {
            if (row.matches(path)) {
                return row;
            }
        }
        return null;
    }

    /**
     * Why this leaf is neither a documented extension with its documented JSON type nor an
     * ECS field with a compatible type; empty when it is one of them. ECS fields need not be
     * in the docs (a log encoder's {@code @timestamp} is ECS), extensions must be.
     */
    public Optional<String> problem(String path, JsonNode value) {
        DocRow row = documentedRow(path);
        if (row != null && row.extension()) {
            return row.accepts(value)
                    ? Optional.empty()
                    : Optional.of(path + " = " + value + " is not a " + row.jsonType() + " as documented");
        }
        if (!ecs.containsKey(path) && (path.indexOf('.') < 0 || !ecs.containsKey(parentOf(path)))) {
            return Optional.of(path + " is neither an ECS field nor a documented extension");
        }
        return ecsProblem(path, value);
    }

    /**
     * Why this leaf is not an ECS field with a compatible type; empty when it is. A key under
     * an ECS {@code object} field (such as {@code labels.tenant}) is a keyword string; an
     * array needs an ECS field normalized as an array, and is not empty.
     */
    public Optional<String> ecsProblem(String path, JsonNode value) {
        EcsField field = ecs.get(path);
        if (field == null) {
            EcsField parent = path.indexOf('.') < 0 ? null : ecs.get(parentOf(path));
            if (parent == null) {
                return Optional.of(path + " or its parent is not an ECS field");
            }
            if (!parent.type().equals("object")) {
                return Optional.of("ECS type of the parent of " + path + " is " + parent.type() + ", not object");
            }
            if (!value.isString()) {
                return Optional.of(path + " under an ECS object is not a keyword string: " + value);
            }
            return Optional.empty();
        }
        if (value.isArray()) {
            if (!field.normalization().contains("array")) {
                return Optional.of(path + " is not an array in ECS: " + value);
            }
            if (value.isEmpty()) {
                return Optional.of(path + " is an empty array");
            }
            for (JsonNode element : value) {
                Optional<String> problem = scalarProblem(path, field, element);
                if (problem.isPresent()) {
                    return problem;
                }
            }
            return Optional.empty();
        }
        return scalarProblem(path, field, value);
    }

    private static Optional<String> scalarProblem(String path, EcsField field, JsonNode value) {
        String expected = switch (field.type()) {
            case "keyword", "wildcard", "match_only_text", "text", "constant_keyword", "ip" ->
                    value.isString() ? null : "a string";
            case "long" -> value.isIntegralNumber() ? null : "an integer number";
            case "date" -> value.isString() && isInstant(value.asString()) ? null : "an ISO-8601 instant string";
            case "boolean" -> value.isBoolean() ? null : "a boolean";
            default -> "of a type this check handles";
        };
        return expected == null ? Optional.empty()
                : Optional.of(path + " (ECS " + field.type() + ") is not " + expected + ": " + value);
    }

    private static String parentOf(String path) {
        return path.substring(0, path.lastIndexOf('.'));
    }

    /**
     * Leaf fields of a JSON object by dotted path ({@code http.response.status_code}); an
     * array counts as one field. Fails on {@code null} and on an empty object: absent data
     * is absent.
     */
    public static Map<String, JsonNode> leaves(JsonNode tree) {
        Map<String, JsonNode> leaves = new LinkedHashMap<>();
        flatten("", tree, leaves);
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

    /** The bundled ECS field list, or the file named by {@code -Decs.fields.csv}. */
    private static String fieldsCsv() throws IOException {
        String override = System.getProperty("ecs.fields.csv");
        if (override != null) {
            return Files.readString(Path.of(override), StandardCharsets.UTF_8);
        }
        try (InputStream in = EcsSchema.class.getResourceAsStream(FIELDS_RESOURCE)) {
            if (in == null) {
                return fail("%s is not on the test classpath (core's test resources)", FIELDS_RESOURCE);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Finds {@code relative} in the working directory or one of its ancestors up to the
     * project's root (the folder whose {@code pom.xml} is {@code http-audit-parent}): a module
     * runs its tests in its own directory, and nothing outside the checkout is read.
     */
    public static Path findInProject(Path relative, String overrideProperty) {
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
            if (isProjectRoot(dir)) {
                break;
            }
        }
        return fail("%s not found in the project (set -D%s=...); tried %s", relative, overrideProperty, tried);
    }

    private static boolean isProjectRoot(Path dir) {
        Path pom = dir.resolve("pom.xml");
        try {
            // the modules name the parent inside <parent>; only the root pom is itself http-audit-parent
            return Files.isRegularFile(pom) && Files.readString(pom, StandardCharsets.UTF_8)
                    .replaceAll("(?s)<parent>.*?</parent>", "")
                    .contains("<artifactId>http-audit-parent</artifactId>");
        } catch (IOException e) {
            return false;
        }
    }

    /** True when {@code text} is an ISO-8601 instant, as ECS {@code date} fields hold. */
    static boolean isInstant(String text) {
        try {
            Instant.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /**
     * One ECS field: its dotted name, type ({@code keyword}, {@code long}, ...), normalization
     * and the ECS version of the list it was read from.
     */
    public record EcsField(String name, String type, String normalization, String ecsVersion) {
    }

    /** Reads ECS's generated fields.csv (RFC 4180: quoted fields may hold commas, quotes, newlines). */
    static final class EcsFields {

        private EcsFields() {
        }

        static Map<String, EcsField> read(String csv) {
            List<List<String>> records = parse(csv);
            List<String> header = records.get(0);
            int field = header.indexOf("Field");
            int type = header.indexOf("Type");
            int normalization = header.indexOf("Normalization");
            int version = header.indexOf("ECS_Version");
            assertThat(List.of(field, type, normalization, version)).as("columns of %s", FIELDS_RESOURCE)
                    .doesNotContain(-1);
            Map<String, EcsField> fields = new LinkedHashMap<>();
            for (List<String> record : records.subList(1, records.size())) {
                if (record.size() == header.size()) {
                    fields.put(record.get(field),
                            new EcsField(record.get(field), record.get(type), record.get(normalization),
                                    record.get(version)));
                } else {
                    assertThat(record).as("record of %s", FIELDS_RESOURCE).containsOnly("");
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
    public record DocRow(String name, String jsonType, boolean extension) {

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

        /** Whether this row documents the dotted path: the same name, or any name under a {@code .*} row. */
        public boolean matches(String path) {
            if (name.endsWith(".*")) {
                String prefix = name.substring(0, name.length() - 1);
                return path.startsWith(prefix) && path.length() > prefix.length();
            }
            return name.equals(path);
        }

        /** Whether the value has the documented JSON type (strings not empty, arrays not empty). */
        public boolean accepts(JsonNode value) {
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

        /** Whether the documented JSON type fits this ECS field's type and normalization. */
        public boolean compatibleWithEcsType(EcsField field) {
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
    }
}
