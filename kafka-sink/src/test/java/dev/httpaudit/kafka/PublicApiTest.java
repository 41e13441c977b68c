package dev.httpaudit.kafka;

import dev.httpaudit.core.docs.DeclaredApi;
import org.junit.jupiter.api.Test;

class PublicApiTest {

    @Test
    void publicTypesAreExactlyTheDeclaredApi() {
        DeclaredApi.assertModuleMatches("http-audit-kafka", "dev.httpaudit.kafka");
    }
}
