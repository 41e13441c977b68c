package dev.httpaudit.servlet.it;

/** The enricher's threading contract on embedded Jetty 12. */
class JettyEnricherContextTest extends EnricherContextSuite {

    @Override
    EmbeddedServer newServer() {
        return new JettyServer();
    }
}
