package dev.httpaudit.jdbc;

import dev.httpaudit.core.docs.DeclaredApi;
import org.junit.jupiter.api.Test;

class PublicApiTest {

    @Test
    void publicTypesAreExactlyTheDeclaredApi() {
        DeclaredApi.assertModuleMatches("http-audit-jdbc", "dev.httpaudit.jdbc");
    }
}
