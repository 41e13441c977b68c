package dev.httpaudit.servlet.it;

/** The redaction scenarios on embedded Jetty 12. */
class JettyRedactionScenarioTest extends RedactionScenarioSuite {

    @Override
    EmbeddedServer newServer() {
        return new JettyServer();
    }
}
