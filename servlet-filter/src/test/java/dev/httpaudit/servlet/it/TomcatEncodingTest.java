package dev.httpaudit.servlet.it;

import org.junit.jupiter.api.Tag;

/** Bodies in other encodings on embedded Tomcat 11. */
@Tag("tomcat")
class TomcatEncodingTest extends EncodingScenarios {

    @Override
    EmbeddedServer newServer() {
        return new TomcatServer();
    }
}
