package dev.httpaudit.servlet;

import dev.httpaudit.core.docs.DeclaredApi;
import org.junit.jupiter.api.Test;

class PublicApiTest {

    @Test
    void publicTypesAreExactlyTheDeclaredApi() {
        DeclaredApi.assertModuleMatches("http-audit-servlet", "dev.httpaudit.servlet");
    }
}
