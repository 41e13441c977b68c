package dev.httpaudit.spring.testapp;

import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.env.Environment;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * An endpoint whose handler calls another service (at {@code downstream.url}) through the
 * {@code RestClient.Builder} Spring Boot provides, as an application would: nothing of
 * http-audit in it.
 */
@RestController
class OutgoingCallController {

    private final ObjectProvider<RestClient.Builder> builders;
    private final Environment environment;

    OutgoingCallController(ObjectProvider<RestClient.Builder> builders, Environment environment) {
        this.builders = builders;
        this.environment = environment;
    }

    @PostMapping(path = "/api/checkout", consumes = MediaType.APPLICATION_JSON_VALUE)
    Map<String, Object> checkout(@RequestBody Map<String, Object> order) {
        String answer = builders.getObject().build().post()
                .uri(environment.getRequiredProperty("downstream.url") + "/charge?api_key=query-secret-8812")
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("amount", order.get("amount"), "card_number", "4111111111111111", "cvv", "cvv-secret-613"))
                .retrieve().body(String.class);
        return Map.of("charged", answer != null && answer.contains("ok"));
    }
}
