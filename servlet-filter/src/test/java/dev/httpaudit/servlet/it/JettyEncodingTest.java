package dev.httpaudit.servlet.it;

/** Bodies in other encodings on embedded Jetty 12. */
class JettyEncodingTest extends EncodingScenarios {

    @Override
    EmbeddedServer newServer() {
        return new JettyServer();
    }
}
