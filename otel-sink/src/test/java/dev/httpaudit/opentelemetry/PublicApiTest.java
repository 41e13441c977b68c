package dev.httpaudit.opentelemetry;

import dev.httpaudit.core.docs.DeclaredApi;
import org.junit.jupiter.api.Test;

class PublicApiTest {

    @Test
    void publicTypesAreExactlyTheDeclaredApi() {
        DeclaredApi.assertModuleMatches("http-audit-opentelemetry", "dev.httpaudit.opentelemetry");
    }
}
