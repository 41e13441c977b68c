package dev.httpaudit.spring;

import dev.httpaudit.core.docs.DeclaredApi;
import org.junit.jupiter.api.Test;

class PublicApiTest {

    @Test
    void publicTypesAreExactlyTheDeclaredApi() {
        DeclaredApi.assertModuleMatches("http-audit-spring-boot-starter", "dev.httpaudit.spring");
    }
}
