package dev.httpaudit.servlet.it;

import org.junit.jupiter.api.Tag;

/** The enricher's threading contract on embedded Tomcat 11. */
@Tag("tomcat")
class TomcatEnricherContextTest extends EnricherContextSuite {

    @Override
    EmbeddedServer newServer() {
        return new TomcatServer();
    }
}
