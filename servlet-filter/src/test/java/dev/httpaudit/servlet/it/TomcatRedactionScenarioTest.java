package dev.httpaudit.servlet.it;

import org.junit.jupiter.api.Tag;

/** The redaction scenarios on embedded Tomcat 11. */
@Tag("tomcat")
class TomcatRedactionScenarioTest extends RedactionScenarioSuite {

    @Override
    EmbeddedServer newServer() {
        return new TomcatServer();
    }
}
