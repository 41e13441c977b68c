package dev.httpaudit.example.boot;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The example's endpoints: one of each kind of exchange the audit log must handle. */
@RestController
class OrdersController {

    private static final Logger LOG = LoggerFactory.getLogger(OrdersController.class);

    private final Map<Long, Order> orders = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    record Order(long id, String item, int quantity, String status) {
    }

    record NewOrder(String item, int quantity, String paymentToken, String iban) {
    }

    /** JSON create: 201 with a Location header. */
    @PostMapping(path = "/api/orders", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Order> create(@RequestBody NewOrder request) {
        Order order = new Order(ids.incrementAndGet(), request.item(), request.quantity(), "new");
        orders.put(order.id(), order);
        LOG.info("created order {}", order.id());
        return ResponseEntity.created(URI.create("/api/orders/" + order.id())).body(order);
    }

    /** JSON read: 200, or 404 for an unknown order. */
    @GetMapping("/api/orders/{id}")
    ResponseEntity<Order> read(@PathVariable long id) {
        Order order = orders.get(id);
        return order == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(order);
    }

    /** A classic form post. */
    @PostMapping(path = "/api/feedback", consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE)
    Map<String, String> feedback(@RequestParam String name, @RequestParam String message) {
        return Map.of("thanks", name, "length", Integer.toString(message.length()));
    }

    /** A multipart upload: the audit log records its size and type, not its contents. */
    @PostMapping(path = "/api/uploads", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    Map<String, Object> upload(@RequestParam("file") MultipartFile file) {
        return Map.of("name", String.valueOf(file.getOriginalFilename()), "bytes", file.getSize());
    }

    /** Server-sent events: three ticks a second apart, each reaching the client as it is sent. */
    @GetMapping(path = "/api/ticks", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter ticks() {
        SseEmitter emitter = new SseEmitter(30_000L);
        Thread ticker = new Thread(() -> {
            try {
                for (int i = 1; i <= 3; i++) {
                    emitter.send(SseEmitter.event().name("tick").data("{\"tick\":" + i + "}"));
                    Thread.sleep(1000);
                }
                emitter.complete();
            } catch (Exception e) {
                emitter.completeWithError(e);
            }
        }, "ticker");
        ticker.setDaemon(true);
        ticker.start();
        return emitter;
    }

    /** An async endpoint: the work runs on Spring MVC's executor, and its log line carries the request ID. */
    @GetMapping("/api/slow")
    Callable<Map<String, String>> slow() {
        return () -> {
            LOG.info("computing the slow answer");
            return Map.of("answer", "42");
        };
    }

    /** An endpoint that fails: the audit event carries the error and status 500. */
    @GetMapping("/api/fail")
    Map<String, String> fail() {
        throw new IllegalStateException("the inventory service is down");
    }

    /** Behind HTTP basic auth: the audit event names the user and their roles. */
    @GetMapping("/api/admin/report")
    Map<String, Object> report(@AuthenticationPrincipal UserDetails user) {
        return Map.of("orders", orders.size(), "requestedBy", user.getUsername());
    }
}
