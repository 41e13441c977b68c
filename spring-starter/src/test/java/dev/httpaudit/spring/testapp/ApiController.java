package dev.httpaudit.spring.testapp;

import java.net.URI;
import java.security.Principal;
import java.util.Map;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Endpoints of each kind the audit log must handle. */
@RestController
class ApiController {

    private static final Logger LOG = LoggerFactory.getLogger(ApiController.class);

    @PostMapping(path = "/api/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> create(@RequestBody Map<String, Object> order) {
        return ResponseEntity.created(URI.create("/api/orders/7")).body(Map.of("id", 7, "item", order.get("item")));
    }

    @GetMapping("/api/orders/{id}")
    Map<String, Object> read(@PathVariable long id) {
        return Map.of("id", id, "status", "new");
    }

    @PostMapping(path = "/api/feedback", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Map<String, String> feedback(@RequestParam String name, @RequestParam String message) {
        return Map.of("thanks", name);
    }

    @GetMapping("/api/fail")
    Map<String, String> fail() {
        throw new IllegalStateException("inventory service down");
    }

    @GetMapping("/api/slow")
    Callable<Map<String, String>> slow() {
        return () -> {
            LOG.info("computing the slow answer");
            return Map.of("answer", "42");
        };
    }

    @GetMapping("/api/me")
    Map<String, String> me(Principal principal) {
        return Map.of("name", principal.getName());
    }

    @GetMapping("/api/admin/report")
    Map<String, String> report(Principal principal) {
        return Map.of("report", "ok", "for", principal.getName());
    }

    @GetMapping("/api/token/whoami")
    Map<String, String> tokenWhoami(Principal principal) {
        return Map.of("name", principal == null ? "nobody" : principal.getName());
    }

    @GetMapping("/api/public")
    Map<String, String> open() {
        return Map.of("open", "yes");
    }
}
