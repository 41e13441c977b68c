package dev.httpaudit.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.Collection;
import java.util.Enumeration;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The request the application sees: its body streams through a tee, parameter and part
 * access is noted (so an untouched body is recorded as not read, and a parsed form can be
 * reconstructed), and the no-argument {@link #startAsync()} hands out this wrapper and its
 * response wrapper, where the container would hand out the unwrapped pair.
 */
final class AuditedRequest extends HttpServletRequestWrapper {

    private final Exchange exchange;
    private final ServletResponse pairedResponse;

    AuditedRequest(HttpServletRequest request, ServletResponse pairedResponse, Exchange exchange) {
        super(request);
        this.exchange = exchange;
        this.pairedResponse = pairedResponse;
    }

    Exchange exchange() {
        return exchange;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        return exchange.requestBody().inputStream(super.getInputStream());
    }

    @Override
    public BufferedReader getReader() throws IOException {
        return exchange.requestBody().reader(this);
    }

    /** The container's stream, for the reader (which reads through the tee). */
    ServletInputStream containerInputStream() throws IOException {
        return super.getInputStream();
    }

    @Override
    public @Nullable String getParameter(String name) {
        exchange.requestBody().parametersAccessed();
        return super.getParameter(name);
    }

    @Override
    public Map<String, String[]> getParameterMap() {
        exchange.requestBody().parametersAccessed();
        return super.getParameterMap();
    }

    @Override
    public Enumeration<String> getParameterNames() {
        exchange.requestBody().parametersAccessed();
        return super.getParameterNames();
    }

    @Override
    public String @Nullable [] getParameterValues(String name) {
        exchange.requestBody().parametersAccessed();
        return super.getParameterValues(name);
    }

    @Override
    public Collection<Part> getParts() throws IOException, ServletException {
        exchange.requestBody().partsAccessed();
        return super.getParts();
    }

    @Override
    public @Nullable Part getPart(String name) throws IOException, ServletException {
        exchange.requestBody().partsAccessed();
        return super.getPart(name);
    }

    @Override
    public AsyncContext startAsync() {
        AsyncContext context = super.startAsync(this, pairedResponse);
        exchange.lifecycle().asyncStarted(context);
        return context;
    }

    @Override
    public AsyncContext startAsync(ServletRequest servletRequest, ServletResponse servletResponse) {
        AsyncContext context = super.startAsync(servletRequest, servletResponse);
        exchange.lifecycle().asyncStarted(context);
        return context;
    }
}
