package dev.httpaudit.servlet.it;

/** The scenario suite on embedded Tomcat 11. */
class TomcatScenarioTest extends ScenarioSuite {

    @Override
    EmbeddedServer newServer() {
        return new TomcatServer();
    }
}
