package dev.httpaudit.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.SampleEvents;
import dev.httpaudit.core.StrictJson;
import dev.httpaudit.core.json.EcsSchema.DocRow;
import dev.httpaudit.core.json.EcsSchema.EcsField;
import java.util.ArrayList;
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
 * The writer's fields against ECS (the bundled {@code ecs/fields.csv} test resource)
 * and against docs/event-schema.md, so that code, docs and ECS cannot drift apart. Fails,
 * never skips, when a reference file is missing. The reading and the per-field check live
 * in {@link EcsSchema}, which the example apps reuse on their real log output.
 */
class EventSchemaTest {

    private static EcsSchema schema;
    private static Map<String, EcsField> ecs;
    private static List<DocRow> doc;

    @BeforeAll
    static void readReferences() {
        schema = EcsSchema.load();
        ecs = schema.ecs();
        doc = schema.doc();
    }

    @Test
    void referenceFilesAreReadCompletely() {
        assertThat(ecs).hasSizeGreaterThan(1000).containsKeys("http.request.method", "labels", "@timestamp");
        assertThat(ecs.get("http.response.status_code").type()).isEqualTo("long");
        assertThat(ecs.get("user.roles").normalization()).contains("array");
        assertThat(doc).extracting(DocRow::name).contains("http.request.headers.*", "labels.*", "event.id");
    }

    @Test
    void ecsVersionIsTheReleaseOfTheFieldListTheFieldsAreCheckedAgainst() {
        assertThat(schema.fieldListVersions()).as("ECS_Version column of ecs/fields.csv")
                .containsExactly(EcsSchema.ECS_VERSION);
        assertThat(EcsFieldMapping.ECS_VERSION).isEqualTo(EcsSchema.ECS_VERSION);
        for (AuditEvent event : SampleEvents.all()) {
            assertThat(leaves(event).get("ecs.version").asString()).isEqualTo(EcsSchema.ECS_VERSION);
        }
        assertThat(ecs.get("ecs.version").type()).isEqualTo("keyword");
    }

    @Test
    void everyEmittedFieldIsDocumentedWithItsJsonType() {
        for (AuditEvent event : SampleEvents.all()) {
            for (Map.Entry<String, JsonNode> leaf : leaves(event).entrySet()) {
                DocRow row = schema.documentedRow(leaf.getKey());
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
                DocRow row = schema.documentedRow(path);
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
                DocRow row = schema.documentedRow(leaf.getKey());
                if (row == null || row.extension()) {
                    continue; // undocumented fields fail the test above; extensions are checked below
                }
                assertThat(schema.ecsProblem(leaf.getKey(), leaf.getValue()))
                        .as("%s = %s is an ECS field (or a key under an ECS object) with a compatible type",
                                leaf.getKey(), leaf.getValue())
                        .isEmpty();
            }
        }
    }

    @Test
    void everyEmittedFieldPassesTheSharedCheck() {
        for (AuditEvent event : SampleEvents.all()) {
            leaves(event).forEach((path, value) ->
                    assertThat(schema.problem(path, value)).as("%s = %s", path, value).isEmpty());
        }
    }

    @Test
    void theSharedCheckRejectsWhatIsNeitherEcsNorADocumentedExtension() {
        JsonNode string = StrictJson.parse("\"x\"");
        assertThat(schema.problem("logger_name", string)).isPresent();
        assertThat(schema.problem("http.request.referer", string)).isPresent();
        assertThat(schema.problem("http.response.status_code", string)).isPresent();
        assertThat(schema.problem("event.category", string)).isEmpty();
        assertThat(schema.problem("event.category", StrictJson.parse("[]"))).isPresent();
        assertThat(schema.problem("http.response.headers.location", string)).isPresent();
        assertThat(schema.problem("http.response.headers.location", StrictJson.parse("[\"/a\"]"))).isEmpty();
        assertThat(schema.problem("labels.tenant", string)).isEmpty();
        assertThat(schema.problem("labels.tenant", StrictJson.parse("3"))).isPresent();
        assertThat(schema.problem("@timestamp", StrictJson.parse("\"2026-11-26T05:05:06.707174512Z\""))).isEmpty();
        assertThat(schema.problem("@timestamp", StrictJson.parse("\"yesterday\""))).isPresent();
        assertThat(schema.problem("log.level", string)).as("ECS, though not in the docs").isEmpty();
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
                "http.request.body.undecodable", "http.response.body.undecodable",
                "http.route");
    }

    @Test
    void docExamplesAreExactlyWhatTheWriterWrites() {
        List<JsonNode> examples = new ArrayList<>();
        Matcher block = Pattern.compile("```json\\n(.*?)```", Pattern.DOTALL).matcher(schema.docText());
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

    private static JsonNode written(AuditEvent event) {
        return StrictJson.parse(EventJsonWriter.instance().toJson(event));
    }

    /** Leaf fields of the written JSON by dotted path; an array counts as one field. */
    static Map<String, JsonNode> leaves(AuditEvent event) {
        return EcsSchema.leaves(written(event));
    }
}
