package dev.httpaudit.servlet.it;

import org.junit.jupiter.api.Tag;

/** The scenario suite on embedded Tomcat 11. */
@Tag("tomcat")
class TomcatScenarioTest extends ScenarioSuite {

    @Override
    EmbeddedServer newServer() {
        return new TomcatServer();
    }
}
