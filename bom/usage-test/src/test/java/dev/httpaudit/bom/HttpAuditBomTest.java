package dev.httpaudit.bom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.AuditRequest;
import dev.httpaudit.core.AuditResponse;
import dev.httpaudit.core.UrlInfo;
import dev.httpaudit.core.pipeline.AuditPipeline;
import dev.httpaudit.core.sink.InMemoryAuditSink;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * This module's pom imports http-audit-bom and declares http-audit's artifacts without a
 * version, as a user's build does: that it compiles and runs at all is the first proof. The
 * tests here prove the rest: what it resolved works, and the BOM lists every published module
 * of the build, at the build's version, and nothing else.
 */
class HttpAuditBomTest {

    /** This module is bom/usage-test; the build's root is two folders up. */
    private static final Path ROOT = Path.of("..", "..");

    private static final String MANAGED = "/project/dependencyManagement/dependencies/dependency/";

    @Test
    void coreResolvedThroughTheBomWritesAnEvent() {
        InMemoryAuditSink sink = InMemoryAuditSink.create();
        try (AuditPipeline pipeline = AuditPipeline.of(sink)) {
            Instant now = Instant.now();
            pipeline.emit(AuditEvent.builder()
                    .timing(now, now, 1)
                    .request(new AuditRequest("id", "GET", null, null, null))
                    .response(new AuditResponse(200, null, null, null))
                    .url(new UrlInfo("/orders", null, "http", "localhost", 80))
                    .build());
        }
        assertEquals(1, sink.size());
        assertEquals("/orders", sink.events().get(0).url().path());
    }

    @Test
    void everyPublishedModuleOfTheBuildIsInTheBom() throws Exception {
        Set<String> published = new TreeSet<>();
        for (String module : texts(pom(ROOT.resolve("pom.xml")), "/project/modules/module")) {
            Document pom = pom(ROOT.resolve(module).resolve("pom.xml"));
            boolean aggregatorOrBom = text(pom, "/project/packaging").equals("pom");
            boolean notDeployed = text(pom, "/project/properties/maven.deploy.skip").equals("true");
            if (!aggregatorOrBom && !notDeployed) {
                published.add(text(pom, "/project/artifactId"));
            }
        }
        assertTrue(published.contains("http-audit-core"), "modules read: " + published);
        Set<String> inBom = new TreeSet<>(texts(bom(), MANAGED + "artifactId"));
        assertTrue(inBom.containsAll(published), "published modules missing from bom/pom.xml: "
                + published.stream().filter(name -> !inBom.contains(name)).toList());
    }

    @Test
    void bomManagesOnlyHttpAuditArtifactsAtTheBuildsVersionAndInheritsNothing() throws Exception {
        Document bom = bom();
        // A parent's dependencyManagement would be imported into the user's build with the BOM.
        assertEquals("", text(bom, "/project/parent/artifactId"), "the BOM must have no parent");
        assertEquals(text(pom(ROOT.resolve("pom.xml")), "/project/version"), text(bom, "/project/version"));
        List<String> dependencies = texts(bom, MANAGED + "artifactId");
        assertTrue(dependencies.size() >= 3, "managed: " + dependencies);
        assertEquals(List.of("dev.httpaudit"), distinct(texts(bom, MANAGED + "groupId")));
        assertEquals(List.of("${project.version}"), distinct(texts(bom, MANAGED + "version")));
        assertEquals(dependencies.size(), texts(bom, MANAGED + "version").size(),
                "every managed artifact has its version");
    }

    private static Document bom() throws Exception {
        return pom(ROOT.resolve("bom").resolve("pom.xml"));
    }

    private static Document pom(Path file) throws Exception {
        assertTrue(Files.isRegularFile(file), "no " + file.toAbsolutePath());
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static String text(Document document, String path) throws Exception {
        return XPathFactory.newInstance().newXPath().evaluate(path, document).trim();
    }

    private static List<String> texts(Document document, String path) throws Exception {
        NodeList nodes = (NodeList) XPathFactory.newInstance().newXPath()
                .evaluate(path, document, XPathConstants.NODESET);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            values.add(nodes.item(i).getTextContent().trim());
        }
        return values;
    }

    private static List<String> distinct(List<String> values) {
        return values.stream().distinct().toList();
    }
}
