package dev.httpaudit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java snippets of README.md, docs/configuration.md and the servlet example's README
 * compile as shown, with their own imports, against the real classes: each block's import
 * lines stay imports, the rest becomes the body of a method whose parameters are the
 * variables the snippet leaves to the reader, each named in a comment such as
 * {@code // servletContext: the jakarta.servlet.ServletContext}. A block that declares a
 * class compiles as it is. Blocks that import Spring are checked for imports
 * only (Spring is not on this module's classpath); docs/extending.md is checked by core's
 * {@code ExtendingDocTest}. Tagged {@code tomcat}: it runs in the execution whose classpath
 * has Tomcat.
 */
@Tag("tomcat")
class DocSnippetsCompileTest {

    /** A comment naming a variable the snippet leaves to the reader: {@code // name: the a.b.Type, ...}. */
    private static final Pattern GIVEN = Pattern.compile("^// (\\w+): .*?\\b((?:[a-z]+\\.)+[A-Z]\\w*)", Pattern.MULTILINE);

    private static final List<String> FILES = List.of("README.md", "docs/configuration.md",
            "examples/servlet-app/README.md");

    @Test
    void everyJavaSnippetHasItsImportsAndCompiles(@TempDir Path out) throws IOException {
        Path root = projectRoot();
        List<JavaFileObject> units = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String file : FILES) {
            Matcher block = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL)
                    .matcher(Files.readString(root.resolve(file), StandardCharsets.UTF_8));
            int index = 0;
            while (block.find()) {
                index++;
                String snippet = block.group(1);
                if (!snippet.startsWith("import ")) {
                    problems.add(file + " block " + index + " does not start with its imports");
                    continue;
                }
                if (!snippet.contains("import org.springframework.")) {
                    units.add(unit("Snippet" + units.size(), snippet));
                }
            }
        }
        assertThat(problems).isEmpty();
        assertThat(units).as("snippets compiled").hasSizeGreaterThanOrEqualTo(3);

        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            boolean compiled = compiler.getTask(diagnostics, files, null,
                    List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path"),
                            "-proc:none", "-Xlint:none"),
                    null, units).call();
            assertThat(compiled).as("the snippets compile:%n%s", diagnostics).isTrue();
        }
    }

    @Test
    void aSnippetWithAMissingImportDoesNotCompile(@TempDir Path out) throws IOException {
        JavaFileObject broken = unit("Broken", "import dev.httpaudit.core.pipeline.AuditPipeline;\n\n"
                + "AuditPipeline pipeline = AuditPipeline.of(Slf4jAuditSink.create());\n");
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        StringWriter diagnostics = new StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            boolean compiled = compiler.getTask(diagnostics, files, null,
                    List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path"), "-proc:none"),
                    null, List.of(broken)).call();
            assertThat(compiled).isFalse();
            assertThat(diagnostics.toString()).contains("Slf4jAuditSink");
        }
    }

    /** The snippet as one compilation unit: its imports, then its statements in a method (or its class as is). */
    private static JavaFileObject unit(String name, String snippet) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : snippet.split("\n", -1)) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        List<String> parameters = new ArrayList<>();
        Matcher given = GIVEN.matcher(body);
        while (given.find()) {
            parameters.add(given.group(2) + " " + given.group(1));
        }
        String code = Pattern.compile("^(public |final |abstract )*(class|record|interface) ", Pattern.MULTILINE)
                .matcher(body).find()
                ? imports + "\n" + body
                : imports + "\nclass " + name + " {\n"
                        + "    static void run(" + String.join(", ", parameters) + ") throws Exception {\n"
                        + body + "    }\n}\n";
        return new SimpleJavaFileObject(URI.create("string:///" + name + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }

    /** The checkout's root: the nearest ancestor of the working directory with README.md and docs/. */
    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("README.md and docs/ not found above " + Path.of("").toAbsolutePath());
    }
}
