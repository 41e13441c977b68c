package dev.httpaudit.core.docs;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.httpaudit.core.json.EcsSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The public API that docs/architecture.md declares for one module, checked against the
 * module's compiled classes: every public top-level type outside an {@code internal} package
 * is listed there, and every listed type exists and is public. Each module's own
 * {@code PublicApiTest} calls {@link #assertModuleMatches}; the page stays the one list.
 */
public final class DeclaredApi {

    private static final Pattern SECTION = Pattern.compile("^### .*`([\\w-]+)`");
    private static final Pattern ROW = Pattern.compile("^\\|\\s*`([\\w.]+)`\\s*\\|");

    private DeclaredApi() {
    }

    /** The types the page lists under the heading naming {@code artifactId}. */
    public static Set<String> declaredTypes(String artifactId) {
        Path page = EcsSchema.findInProject(Path.of("docs", "architecture.md"), "architecture.md");
        List<String> lines;
        try {
            lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> types = new TreeSet<>();
        boolean inSection = false;
        for (String line : lines) {
            Matcher heading = SECTION.matcher(line);
            if (line.startsWith("#")) {
                inSection = heading.find() && heading.group(1).equals(artifactId);
                continue;
            }
            Matcher row = ROW.matcher(line);
            if (inSection && row.find()) {
                types.add(row.group(1));
            }
        }
        assertThat(types).as("docs/architecture.md lists the public types of %s", artifactId).isNotEmpty();
        return types;
    }

    /** The public top-level types of {@code rootPackage} (main classes) outside internal packages. */
    public static Set<String> publicTypes(String rootPackage) {
        Set<String> types = new TreeSet<>();
        for (JavaClass type : new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(rootPackage)) {
            if (type.isTopLevelClass() && type.getModifiers().contains(JavaModifier.PUBLIC)
                    && !isInternal(type.getPackageName()) && !type.getSimpleName().equals("package-info")) {
                types.add(type.getName());
            }
        }
        return types;
    }

    /** Fails unless the module's public types outside internal packages are exactly those declared. */
    public static void assertModuleMatches(String artifactId, String rootPackage) {
        Set<String> actual = publicTypes(rootPackage);
        assertThat(actual).as("public types of %s outside internal packages", artifactId).isNotEmpty();
        assertThat(actual)
                .as("the public types of %s are exactly those docs/architecture.md declares "
                        + "(declare a new API type there with one line, or make it package-private or internal)",
                        artifactId)
                .containsExactlyInAnyOrderElementsOf(declaredTypes(artifactId));
    }

    private static boolean isInternal(String packageName) {
        return ("." + packageName + ".").contains(".internal.");
    }
}
