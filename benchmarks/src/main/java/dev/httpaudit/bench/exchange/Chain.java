package dev.httpaudit.bench.exchange;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A container's filter chain: the filters in order, then the handler. One per exchange. */
public final class Chain implements FilterChain {

    /** The application: what the servlet does with the (possibly wrapped) request and response. */
    @FunctionalInterface
    public interface Handler {
        void handle(HttpServletRequest request, HttpServletResponse response) throws IOException;
    }

    private final Filter[] filters;
    private final Handler handler;
    private int next;

    public Chain(Filter[] filters, Handler handler) {
        this.filters = filters;
        this.handler = handler;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response) throws IOException, ServletException {
        if (next < filters.length) {
            filters[next++].doFilter(request, response, this);
        } else {
            handler.handle((HttpServletRequest) request, (HttpServletResponse) response);
        }
    }
}
