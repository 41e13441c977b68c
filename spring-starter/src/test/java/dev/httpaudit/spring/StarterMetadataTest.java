package dev.httpaudit.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.servlet.AuditFilterConfig;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The property names are the public contract: the configuration metadata the build generates
 * (what IDEs complete) and the table in docs/configuration.md list exactly the same names, and
 * the metadata's method hints are the methods the filter accepts; the defaults it states are the
 * values the starter really binds (most are core's constants, stated by hand in
 * additional-spring-configuration-metadata.json because the processor reads only literals).
 */
class StarterMetadataTest {

    private static final Path CONFIGURATION_DOC = Path.of("..", "docs", "configuration.md");

    @Test
    void docsTableListsExactlyThePropertiesOfTheMetadata() throws IOException {
        Set<String> documented = new TreeSet<>();
        Matcher row = Pattern.compile("(?m)^\\| `(http-audit\\.[a-z0-9.-]+)` \\|").matcher(Files.readString(CONFIGURATION_DOC));
        while (row.find()) {
            documented.add(row.group(1));
        }
        Set<String> inMetadata = new TreeSet<>();
        metadata().path("properties").forEach(property -> inMetadata.add(property.path("name").asString()));
        // the live view's endpoint brings Actuator's own management.endpoint.httpaudit.* (Boot documents those)
        inMetadata.removeIf(name -> name.startsWith("management.endpoint."));

        assertThat(inMetadata).as("generated metadata").contains("http-audit.exclude-paths-defaults",
                "http-audit.body.content-types-defaults", "http-audit.correlation.response-header-enabled");
        assertThat(documented).as("docs/configuration.md table").isEqualTo(inMetadata);
    }

    @Test
    void methodHintsAreTheRegisteredMethods() throws IOException {
        List<String> hinted = new ArrayList<>();
        for (JsonNode hint : metadata().path("hints")) {
            if (hint.path("name").asString().equals("http-audit.methods")) {
                hint.path("values").forEach(value -> hinted.add(value.path("value").asString()));
            }
        }
        assertThat(hinted).isEqualTo(AuditFilterConfig.REGISTERED_METHODS);
    }

    @Test
    void statedDefaultsAreTheValuesTheStarterBinds() throws IOException {
        List<String> checked = new ArrayList<>();
        for (JsonNode property : metadata().path("properties")) {
            String name = property.path("name").asString();
            String sourceType = property.path("sourceType").asString();
            // http-audit.integrity.* has its own class (HttpAuditIntegrityProperties)
            boolean integrity = sourceType.equals(HttpAuditIntegrityProperties.class.getName());
            if (!integrity && !sourceType.startsWith(HttpAuditProperties.class.getName())) {
                continue; // a sink's own properties class (http-audit.jdbc.*, ...): checked by its own test
            }
            String prefix = integrity ? HttpAuditIntegrityProperties.PREFIX : "http-audit";
            Class<?> type = integrity ? HttpAuditIntegrityProperties.class : HttpAuditProperties.class;
            Object unset = integrity ? new HttpAuditIntegrityProperties() : new HttpAuditProperties();
            Object codeDefault = valueOf(unset, prefix, name);
            JsonNode stated = property.path("defaultValue");
            if (stated.isMissingNode()) {
                assertThat(codeDefault == null || codeDefault instanceof List<?> list && list.isEmpty())
                        .as(name + " states no default, but the starter has " + codeDefault).isTrue();
                continue;
            }
            // The stated default, bound as if a user had written it, must give the code's default.
            Map<String, Object> written = new LinkedHashMap<>();
            if (stated.isArray()) {
                for (int i = 0; i < stated.size(); i++) {
                    written.put(name + "[" + i + "]", stated.get(i).asString());
                }
            } else {
                written.put(name, stated.asString());
            }
            Object bound = new Binder(new MapConfigurationPropertySource(written)).bind(prefix, type).get();
            assertThat(valueOf(bound, prefix, name)).as(name + " = " + stated).isEqualTo(codeDefault);
            checked.add(name);
        }
        assertThat(checked).contains("http-audit.max-event-bytes", "http-audit.body.capture",
                "http-audit.async.queue-capacity", "http-audit.async.overflow", "http-audit.sink.level");
    }

    /** The value of {@code property} (e.g. {@code http-audit.sink.file.max-history}) in {@code properties}. */
    private static Object valueOf(Object properties, String prefix, String property) {
        StringBuilder path = new StringBuilder();
        for (String segment : property.substring(prefix.length() + 1).split("\\.")) {
            String[] words = segment.split("-");
            path.append(path.isEmpty() ? "" : ".").append(words[0]);
            for (int i = 1; i < words.length; i++) {
                path.append(Character.toUpperCase(words[i].charAt(0))).append(words[i].substring(1));
            }
        }
        return PropertyAccessorFactory.forBeanPropertyAccess(properties).getPropertyValue(path.toString());
    }

    /** The starter's own metadata file (every Boot jar has one at the same path). */
    private static JsonNode metadata() throws IOException {
        for (URL url : Collections.list(HttpAuditProperties.class.getClassLoader()
                .getResources("META-INF/spring-configuration-metadata.json"))) {
            try (InputStream in = url.openStream()) {
                JsonNode metadata = AuditLog.STRICT.readTree(in);
                for (JsonNode group : metadata.path("groups")) {
                    if (group.path("type").asString().equals(HttpAuditProperties.class.getName())) {
                        return metadata;
                    }
                }
            }
        }
        throw new AssertionError("no metadata generated by spring-boot-configuration-processor for HttpAuditProperties");
    }
}
