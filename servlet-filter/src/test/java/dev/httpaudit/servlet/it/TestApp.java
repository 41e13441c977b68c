package dev.httpaudit.servlet.it;

import dev.httpaudit.servlet.AuditFilter;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.ServletRegistration;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.EnumSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The application the scenario suite runs: servlets for every path an exchange can take,
 * an outer filter (before the audit filters) that sets an MDC value and a principal, and the
 * audit filters themselves, all registered through the plain Servlet API.
 */
public final class TestApp implements ServletContainerInitializer {

    /** Mapped to the error page by exception type. */
    public static final class ErrorPageException extends RuntimeException {
        public ErrorPageException(String message) {
            super(message);
        }
    }

    @FunctionalInterface
    interface Handler {
        void handle(HttpServletRequest request, HttpServletResponse response) throws Exception;
    }

    static final Logger APP_LOG = LoggerFactory.getLogger("app");
    static final String OUTER_MDC_VALUE = "outer-value";

    private final List<AuditFilter> auditFilters;
    final Queue<String> mdcAfterChain = new ConcurrentLinkedQueue<>();
    volatile CountDownLatch gate = new CountDownLatch(1);
    volatile CountDownLatch entered = new CountDownLatch(1);

    TestApp(List<AuditFilter> auditFilters) {
        this.auditFilters = auditFilters;
    }

    /** Fresh latches for one test. */
    void resetLatches() {
        gate = new CountDownLatch(1);
        entered = new CountDownLatch(1);
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        EnumSet<DispatcherType> all = EnumSet.of(DispatcherType.REQUEST, DispatcherType.ASYNC, DispatcherType.ERROR);
        var outer = context.addFilter("outer", outerFilter());
        outer.setAsyncSupported(true);
        outer.addMappingForUrlPatterns(all, false, "/*");
        for (int i = 0; i < auditFilters.size(); i++) {
            auditFilters.get(i).register(context, "audit-" + i);
        }
        servlets(context);
    }

    /** Sets an MDC value the audit filter must restore, and a principal read at the end. */
    private Filter outerFilter() {
        return (request, response, chain) -> {
            MDC.put("request_id", OUTER_MDC_VALUE);
            try {
                HttpServletRequest http = (HttpServletRequest) request;
                chain.doFilter(new HttpServletRequestWrapper(http) {
                    @Override
                    public Principal getUserPrincipal() {
                        Object user = getAttribute("test.user");
                        return user == null ? super.getUserPrincipal() : () -> (String) user;
                    }
                }, response);
            } finally {
                mdcAfterChain.add(String.valueOf(MDC.get("request_id")));
                MDC.remove("request_id");
            }
        };
    }

    private void servlets(ServletContext context) {
        add(context, "/echo", (req, res) -> {
            if (req.getMethod().equals("GET")) {
                json(res, "{\"hello\":\"world\"}");
                return;
            }
            byte[] body = req.getInputStream().readAllBytes();
            res.setContentType(req.getContentType() == null ? "application/octet-stream" : req.getContentType());
            res.getOutputStream().write(body);
        });
        add(context, "/echo-reader", (req, res) -> {
            StringBuilder body = new StringBuilder();
            char[] buffer = new char[1024];
            for (int n; (n = req.getReader().read(buffer)) >= 0; ) {
                body.append(buffer, 0, n);
            }
            res.setContentType("text/plain;charset=UTF-8");
            res.getWriter().print(body);
        });
        add(context, "/form", (req, res) -> {
            res.setContentType("text/plain;charset=UTF-8");
            res.getWriter().print("name=" + req.getParameter("name") + ";q=" + req.getParameter("q"));
        });
        ServletRegistration.Dynamic multipart = add(context, "/multipart", (req, res) -> {
            res.setContentType("text/plain");
            res.getWriter().print("parts=" + req.getParts().size());
        });
        multipart.setMultipartConfig(new MultipartConfigElement(""));
        add(context, "/upload", (req, res) -> {
            InputStream in = req.getInputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            for (int n; (n = in.read(buffer)) >= 0; ) {
                total += n;
                entered.countDown();
            }
            text(res, "received " + total);
        });
        add(context, "/ignore-body", (req, res) -> text(res, "ignored"));
        add(context, "/big", (req, res) -> {
            long size = Long.parseLong(req.getParameter("size"));
            res.setContentType("text/plain");
            byte[] chunk = new byte[8192];
            java.util.Arrays.fill(chunk, (byte) 'x');
            if ("writer".equals(req.getParameter("via"))) {
                PrintWriter writer = res.getWriter();
                String text = "y".repeat(8192);
                for (long sent = 0; sent < size; sent += 8192) {
                    writer.write(text, 0, (int) Math.min(8192, size - sent));
                }
                return;
            }
            ServletOutputStream out = res.getOutputStream();
            for (long sent = 0; sent < size; sent += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, size - sent));
            }
        });
        add(context, "/throw", (req, res) -> {
            throw new ServletException("wrapper", new IllegalStateException("boom root"));
        });
        add(context, "/throw-to-error-page", (req, res) -> {
            res.getWriter().print("written before the exception");
            throw new ErrorPageException("page boom");
        });
        add(context, "/send-error", (req, res) -> res.sendError(Integer.parseInt(req.getParameter("status")), "nope"));
        add(context, "/teapot", (req, res) -> {
            res.getWriter().print("discarded by sendError");
            res.sendError(418);
        });
        add(context, "/error-page", (req, res) -> {
            APP_LOG.info("rendering the error page");
            res.setContentType("application/json");
            res.getWriter().print("{\"errorPage\":true,\"status\":" + req.getAttribute("jakarta.servlet.error.status_code") + "}");
        });
        add(context, "/async", (req, res) -> {
            String mode = req.getParameter("mode");
            AsyncContext async = req.startAsync();
            switch (mode) {
                case "complete" -> async.start(() -> {
                    try {
                        entered.countDown();
                        gate.await(10, TimeUnit.SECONDS);
                        async.getResponse().setContentType("application/json");
                        async.getResponse().getWriter().print("{\"async\":\"done\"}");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    } finally {
                        async.complete();
                    }
                });
                case "timeout" -> async.setTimeout(300);
                case "dispatch" -> async.dispatch("/echo");
                case "dispatch-throw" -> async.dispatch("/throw");
                default -> throw new IllegalArgumentException(mode);
            }
        });
        add(context, "/log", (req, res) -> {
            APP_LOG.info("inside the request");
            text(res, String.valueOf(MDC.get("request_id")));
        });
        add(context, "/log-async", (req, res) -> {
            APP_LOG.info("before going async");
            req.startAsync().dispatch("/log");
        });
        add(context, "/nio-echo", (req, res) -> {
            AsyncContext async = req.startAsync();
            ServletInputStream in = req.getInputStream();
            ByteArrayOutputStream collected = new ByteArrayOutputStream();
            in.setReadListener(new ReadListener() {
                final byte[] buffer = new byte[4096];

                @Override
                public void onDataAvailable() throws IOException {
                    while (in.isReady() && !in.isFinished()) {
                        int n = in.read(buffer);
                        if (n > 0) {
                            collected.write(buffer, 0, n);
                        }
                    }
                }

                @Override
                public void onAllDataRead() throws IOException {
                    res.setContentType("text/plain");
                    writeNonBlocking(async, res.getOutputStream(), collected.toByteArray());
                }

                @Override
                public void onError(Throwable t) {
                    async.complete();
                }
            });
        });
        add(context, "/nio-write", (req, res) -> {
            AsyncContext async = req.startAsync();
            int size = Integer.parseInt(req.getParameter("size"));
            byte[] data = new byte[size];
            for (int i = 0; i < size; i++) {
                data[i] = (byte) ('a' + i % 26);
            }
            res.setContentType("text/plain");
            writeNonBlocking(async, res.getOutputStream(), data);
        });
        add(context, "/sse", (req, res) -> {
            res.setContentType("text/event-stream");
            res.setCharacterEncoding("UTF-8");
            AsyncContext async = req.startAsync();
            async.setTimeout(30_000);
            async.start(() -> {
                try {
                    ServletOutputStream out = async.getResponse().getOutputStream();
                    out.write("data: one\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                    gate.await(20, TimeUnit.SECONDS);
                    out.write("data: two\n\n".getBytes(StandardCharsets.UTF_8));
                    out.flush();
                } catch (Exception e) {
                    // the client went away
                } finally {
                    async.complete();
                }
            });
        });
        context.addServlet("head", new HttpServlet() {
            @Override
            protected void doGet(HttpServletRequest req, HttpServletResponse res) throws IOException {
                text(res, "body of the GET");
            }
        }).addMapping("/head");
        add(context, "/etag", (req, res) -> {
            res.setHeader("ETag", "\"v1\"");
            if ("\"v1\"".equals(req.getHeader("If-None-Match"))) {
                res.setStatus(304);
                return;
            }
            text(res, "versioned");
        });
        add(context, "/redirect", (req, res) -> res.sendRedirect("/echo?from=redirect"));
        add(context, "/gzip", (req, res) -> {
            int repeat = Integer.parseInt(req.getParameter("repeat") == null ? "1" : req.getParameter("repeat"));
            res.setContentType("application/json");
            res.setHeader("Content-Encoding", "gzip");
            try (GZIPOutputStream gzip = new GZIPOutputStream(res.getOutputStream())) {
                gzip.write("[".getBytes(StandardCharsets.UTF_8));
                for (int i = 0; i < repeat; i++) {
                    gzip.write(((i > 0 ? "," : "") + "{\"compressed\":\"yes\",\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8));
                }
                gzip.write("]".getBytes(StandardCharsets.UTF_8));
            }
        });
        add(context, "/brotli", (req, res) -> {
            res.setContentType("application/json");
            res.setHeader("Content-Encoding", "br");
            res.getOutputStream().write(new byte[] {(byte) 0x8b, 0x02, (byte) 0x80, 0x7b, 0x7d, 0x03});
        });
        add(context, "/reset-buffer", (req, res) -> {
            res.setContentType("text/plain");
            res.getWriter().print("discard me");
            res.resetBuffer();
            res.getWriter().print("kept");
        });
        add(context, "/reset", (req, res) -> {
            res.setHeader("X-Temporary", "1");
            res.getOutputStream().print("discard me");
            res.reset();
            res.setContentType("text/plain");
            res.getWriter().print("after reset");
        });
        add(context, "/binary", (req, res) -> {
            res.setContentType("image/png");
            res.getOutputStream().write(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, 3});
        });
        add(context, "/latin1", (req, res) -> {
            res.setContentType("text/plain;charset=ISO-8859-1");
            res.getWriter().print("caf\u00e9");
        });
        add(context, "/login-during-request", (req, res) -> {
            req.setAttribute("test.user", "alice");
            text(res, "logged in");
        });
        add(context, "/admin/*", (req, res) -> text(res, "admin"));
        add(context, "/public/*", (req, res) ->
                text(res, "wrapped=" + isAuditWrapper(req, res)));
        add(context, "/proxied/*", (req, res) -> text(res, "proxied"));
        add(context, "/fragile/*", (req, res) -> text(res, "fragile ok"));
        add(context, "/secret-body/*", (req, res) -> {
            req.getInputStream().readAllBytes();
            json(res, "{\"secret\":\"body\"}");
        });
    }

    /** True when a request or response wrapper of the audit filter is in the chain. */
    private static boolean isAuditWrapper(HttpServletRequest req, HttpServletResponse res) {
        Object r = req;
        while (r instanceof HttpServletRequestWrapper wrapper) {
            if (wrapper.getClass().getPackageName().equals("dev.httpaudit.servlet")) {
                return true;
            }
            r = wrapper.getRequest();
        }
        Object s = res;
        while (s instanceof HttpServletResponseWrapper wrapper) {
            if (wrapper.getClass().getPackageName().equals("dev.httpaudit.servlet")) {
                return true;
            }
            s = wrapper.getResponse();
        }
        return false;
    }

    private static void writeNonBlocking(AsyncContext async, ServletOutputStream out, byte[] data) {
        out.setWriteListener(new WriteListener() {
            int position;

            @Override
            public void onWritePossible() throws IOException {
                while (out.isReady()) {
                    if (position >= data.length) {
                        async.complete();
                        return;
                    }
                    int n = Math.min(4096, data.length - position);
                    out.write(data, position, n);
                    position += n;
                }
            }

            @Override
            public void onError(Throwable t) {
                async.complete();
            }
        });
    }

    private static ServletRegistration.Dynamic add(ServletContext context, String path, Handler handler) {
        ServletRegistration.Dynamic registration = context.addServlet(path, new HttpServlet() {
            @Override
            protected void service(HttpServletRequest req, HttpServletResponse res) throws ServletException, IOException {
                try {
                    handler.handle(req, res);
                } catch (ServletException | IOException | RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new ServletException(e);
                }
            }
        });
        registration.addMapping(path);
        registration.setAsyncSupported(true);
        return registration;
    }

    private static void text(HttpServletResponse res, String text) throws IOException {
        res.setContentType("text/plain;charset=UTF-8");
        res.getWriter().print(text);
    }

    private static void json(HttpServletResponse res, String json) throws IOException {
        res.setContentType("application/json");
        res.getWriter().print(json);
    }
}
