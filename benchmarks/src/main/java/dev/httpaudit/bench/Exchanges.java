package dev.httpaudit.bench;

import dev.httpaudit.bench.exchange.BenchRequest;
import dev.httpaudit.bench.exchange.BenchResponse;
import dev.httpaudit.bench.exchange.Chain;
import dev.httpaudit.bench.exchange.Payloads;
import jakarta.servlet.Filter;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletOutputStream;
import java.io.IOException;

/** The exchanges benchmarked, run through a given filter chain. */
public final class Exchanges {

    private Exchanges() {
    }

    /**
     * POST /api/orders with a 1 KiB JSON body (read whole by the handler), an Authorization
     * header; answered 200 with a 4 KiB JSON body.
     *
     * @return bytes sent to the "socket"
     */
    public static long order(Filter[] filters) throws IOException, ServletException {
        BenchRequest request = new BenchRequest("POST", "/api/orders", null, Payloads.REQUEST_1K,
                "Host", "localhost:8080",
                "User-Agent", "wrk/4.1.0",
                "Accept", "application/json",
                "Content-Type", "application/json",
                "Content-Length", "1024",
                "Authorization", Payloads.AUTHORIZATION);
        BenchResponse response = new BenchResponse();
        new Chain(filters, (req, res) -> {
            ServletInputStream in = req.getInputStream();
            byte[] buffer = new byte[2048];
            long read = 0;
            for (int n; (n = in.read(buffer)) != -1; ) {
                read += n;
            }
            if (read != 1024) {
                throw new IllegalStateException("read " + read);
            }
            res.setStatus(200);
            res.setContentType("application/json");
            ServletOutputStream out = res.getOutputStream();
            out.write(Payloads.RESPONSE_4K);
            out.flush();
        }).doFilter(request, response);
        return response.bytesWritten();
    }

    /**
     * GET /api/export answered with {@code body} (JSON) written in 8 KiB chunks.
     *
     * @return bytes sent to the "socket"
     */
    public static long download(Filter[] filters, byte[] body) throws IOException, ServletException {
        BenchRequest request = new BenchRequest("GET", "/api/export", "format=json", null,
                "Host", "localhost:8080",
                "User-Agent", "wrk/4.1.0",
                "Accept", "application/json",
                "Authorization", Payloads.AUTHORIZATION);
        BenchResponse response = new BenchResponse();
        new Chain(filters, (req, res) -> {
            res.setStatus(200);
            res.setContentType("application/json");
            ServletOutputStream out = res.getOutputStream();
            for (int off = 0; off < body.length; off += 8192) {
                out.write(body, off, Math.min(8192, body.length - off));
            }
            out.flush();
        }).doFilter(request, response);
        return response.bytesWritten();
    }
}
