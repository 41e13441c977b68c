package dev.httpaudit.client;

import dev.httpaudit.core.docs.DeclaredApi;
import org.junit.jupiter.api.Test;

class PublicApiTest {

    @Test
    void publicTypesAreExactlyTheDeclaredApi() {
        DeclaredApi.assertModuleMatches("http-audit-client", "dev.httpaudit.client");
    }
}
