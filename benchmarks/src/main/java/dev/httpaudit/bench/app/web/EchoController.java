package dev.httpaudit.bench.app.web;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The load test's endpoint, {@code POST /api/echo}: the JSON body comes back as it was sent.
 * Written against the Spring MVC API that Boot 3.5 and Boot 4 share, so that the http-audit app
 * ({@code LoadApp}, Boot 4) and the Logbook app (module {@code logbook-boot3}, Boot 3.5.7) serve
 * the very same controller.
 */
@RestController
public final class EchoController {

    /** The path wrk posts to. */
    public static final String PATH = "/api/echo";

    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<byte[]> echo(@RequestBody byte[] body) {
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
