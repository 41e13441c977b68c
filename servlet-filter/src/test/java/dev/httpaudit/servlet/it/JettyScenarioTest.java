package dev.httpaudit.servlet.it;

/** The scenario suite on embedded Jetty 12. */
class JettyScenarioTest extends ScenarioSuite {

    @Override
    EmbeddedServer newServer() {
        return new JettyServer();
    }
}
