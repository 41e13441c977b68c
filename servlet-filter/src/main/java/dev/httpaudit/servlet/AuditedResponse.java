package dev.httpaudit.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;

/**
 * The response the application sees: its body streams through a tee (the container's own
 * stream and writer do the real work), and everything that discards buffered output
 * ({@code reset}, {@code resetBuffer}, {@code sendError}, {@code sendRedirect}) discards the
 * captured copy too.
 */
final class AuditedResponse extends HttpServletResponseWrapper {

    private final Exchange exchange;

    AuditedResponse(HttpServletResponse response, Exchange exchange) {
        super(response);
        this.exchange = exchange;
    }

    Exchange exchange() {
        return exchange;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        return exchange.responseBody().outputStream(super.getOutputStream());
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        PrintWriter writer = super.getWriter();
        return exchange.responseBody().writer(writer, getCharacterEncoding());
    }

    @Override
    public void reset() {
        super.reset();
        exchange.responseBody().discarded();
        // reset() clears headers too: the correlation header must survive it.
        exchange.writeCorrelationHeader(this);
    }

    @Override
    public void resetBuffer() {
        super.resetBuffer();
        exchange.responseBody().discarded();
    }

    @Override
    public void sendError(int sc, String msg) throws IOException {
        super.sendError(sc, msg);
        sentError(sc);
    }

    @Override
    public void sendError(int sc) throws IOException {
        super.sendError(sc);
        sentError(sc);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        super.sendRedirect(location);
        exchange.responseBody().discarded();
    }

    /** sendError discards the buffered output: the copy too. */
    private void sentError(int status) {
        exchange.outcome().sendError(status);
        exchange.responseBody().discarded();
    }

    @Override
    public void flushBuffer() throws IOException {
        try {
            super.flushBuffer();
        } catch (IOException e) {
            exchange.outcome().clientAborted(e);
            throw e;
        }
    }
}
