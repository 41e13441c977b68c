package dev.httpaudit.spring.live;

import dev.httpaudit.core.json.EventJsonWriter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * The page at {@code http-audit.live.path}: its three static files from the jar, and the data
 * it polls under {@code <path>/api}: {@code events} (rows and statistics, filtered as the
 * endpoint filters), {@code events/<id>} (one ECS document), {@code export.ndjson} and
 * {@code export.csv}. Every answer first asks {@link LiveAccess}; the page runs no inline
 * script, so its Content-Security-Policy allows only its own files.
 */
final class LiveServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The page's files, the only ones served, and their media types. */
    private static final Map<String, String> FILES = Map.of(
            "/", "text/html;charset=utf-8",
            "/app.js", "text/javascript;charset=utf-8",
            "/app.css", "text/css;charset=utf-8");

    private static final String EVENT_PREFIX = "/api/events/";

    private final transient LiveView view;
    private final transient LiveAccess access;

    LiveServlet(LiveView view, LiveAccess access) {
        this.view = view;
        this.access = access;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Referrer-Policy", "no-referrer");
        response.setHeader("Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'");
        LiveAccess.Decision decision = access.decide();
        if (decision != LiveAccess.Decision.ALLOWED) {
            json(response, decision.status(), decision.body());
            return;
        }
        String path = request.getPathInfo();
        if (path == null) { // <path> without the slash: relative links need it
            response.sendRedirect(request.getContextPath() + request.getServletPath() + "/");
            return;
        }
        try {
            if (FILES.containsKey(path)) {
                file(response, path);
            } else if (path.equals("/api/events")) {
                json(response, 200, view.rows(query(request)));
            } else if (path.startsWith(EVENT_PREFIX) && path.length() > EVENT_PREFIX.length()) {
                Optional<Map<String, Object>> document = view.document(path.substring(EVENT_PREFIX.length()));
                json(response, document.isPresent() ? 200 : 404, document.orElse(Map.of("error", "no such event in the buffer")));
            } else if (path.equals("/api/export.ndjson")) {
                LiveQuery query = query(request);
                download(response, "application/x-ndjson", "http-audit.ndjson");
                view.ndjson(query, response.getOutputStream());
            } else if (path.equals("/api/export.csv")) {
                LiveQuery query = query(request);
                download(response, "text/csv;charset=utf-8", "http-audit.csv");
                Writer out = new OutputStreamWriter(response.getOutputStream(), StandardCharsets.UTF_8);
                view.csv(query, out);
                out.flush();
            } else {
                json(response, 404, Map.of("error", "not found"));
            }
        } catch (IllegalArgumentException e) { // a filter that cannot be read
            json(response, 400, Map.of("error", String.valueOf(e.getMessage())));
        }
    }

    private static LiveQuery query(HttpServletRequest request) {
        return LiveQuery.parse(request::getParameter);
    }

    private static void file(HttpServletResponse response, String path) throws IOException {
        String name = path.equals("/") ? "index.html" : path.substring(1);
        try (InputStream in = LiveServlet.class.getResourceAsStream("static/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the starter jar lacks " + name);
            }
            response.setContentType(FILES.get(path));
            in.transferTo(response.getOutputStream());
        }
    }

    private static void download(HttpServletResponse response, String contentType, String fileName) {
        response.setContentType(contentType);
        response.setHeader("Content-Disposition", "attachment; filename=\"" + fileName + "\"");
    }

    private static void json(HttpServletResponse response, int status, Map<String, Object> body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json");
        EventJsonWriter.instance().writeTree(body, response.getOutputStream());
    }
}
