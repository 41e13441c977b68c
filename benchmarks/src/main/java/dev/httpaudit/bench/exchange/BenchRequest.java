package dev.httpaudit.bench.exchange;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ReadListener;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.ServletConnection;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpUpgradeHandler;
import jakarta.servlet.http.Part;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request as a servlet container hands it to the first filter: headers, attributes and a
 * body stream over bytes the container has already received (no network). One instance per
 * exchange, like a container's recycled request object. Not thread-safe.
 */
public final class BenchRequest implements HttpServletRequest {

    private final String method;
    private final String uri;
    private final String query;
    private final List<String> headerNames;
    private final Map<String, List<String>> headers; // lower-case name -> values
    private final byte[] body;
    private final Map<String, Object> attributes = new HashMap<>();
    private ServletInputStream input;
    private BufferedReader reader;
    private String characterEncoding;

    /**
     * @param headerPairs name, value, name, value, ...
     */
    public BenchRequest(String method, String uri, String query, byte[] body, String... headerPairs) {
        this.method = method;
        this.uri = uri;
        this.query = query;
        this.body = body;
        this.headerNames = new ArrayList<>(headerPairs.length / 2);
        this.headers = new HashMap<>();
        for (int i = 0; i < headerPairs.length; i += 2) {
            String lower = headerPairs[i].toLowerCase(Locale.ROOT);
            List<String> values = headers.get(lower);
            if (values == null) {
                values = new ArrayList<>(1);
                headers.put(lower, values);
                headerNames.add(headerPairs[i]);
            }
            values.add(headerPairs[i + 1]);
        }
    }

    @Override public String getAuthType() { return null; }
    @Override public Cookie[] getCookies() { return null; }
    @Override public long getDateHeader(String name) { return -1; }

    @Override
    public String getHeader(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null ? null : values.get(0);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null ? Collections.emptyEnumeration() : Collections.enumeration(values);
    }

    @Override public Enumeration<String> getHeaderNames() { return Collections.enumeration(headerNames); }

    @Override
    public int getIntHeader(String name) {
        String value = getHeader(name);
        return value == null ? -1 : Integer.parseInt(value);
    }

    @Override public String getMethod() { return method; }
    @Override public String getPathInfo() { return null; }
    @Override public String getPathTranslated() { return null; }
    @Override public String getContextPath() { return ""; }
    @Override public String getQueryString() { return query; }
    @Override public String getRemoteUser() { return null; }
    @Override public boolean isUserInRole(String role) { return false; }
    @Override public Principal getUserPrincipal() { return null; }
    @Override public String getRequestedSessionId() { return null; }
    @Override public String getRequestURI() { return uri; }

    @Override
    public StringBuffer getRequestURL() {
        return new StringBuffer(32).append("http://localhost:8080").append(uri);
    }

    @Override public String getServletPath() { return uri; }
    @Override public HttpSession getSession(boolean create) { return null; }
    @Override public HttpSession getSession() { throw new UnsupportedOperationException("no sessions"); }
    @Override public String changeSessionId() { throw new IllegalStateException("no session"); }
    @Override public boolean isRequestedSessionIdValid() { return false; }
    @Override public boolean isRequestedSessionIdFromCookie() { return false; }
    @Override public boolean isRequestedSessionIdFromURL() { return false; }
    @Override public boolean authenticate(HttpServletResponse response) { return false; }
    @Override public void login(String username, String password) { throw new UnsupportedOperationException(); }
    @Override public void logout() { }
    @Override public Collection<Part> getParts() { return List.of(); }
    @Override public Part getPart(String name) { return null; }
    @Override public <T extends HttpUpgradeHandler> T upgrade(Class<T> handlerClass) { throw new UnsupportedOperationException(); }

    @Override public Object getAttribute(String name) { return attributes.get(name); }
    @Override public Enumeration<String> getAttributeNames() { return Collections.enumeration(attributes.keySet()); }

    @Override
    public String getCharacterEncoding() {
        return characterEncoding;
    }

    @Override public void setCharacterEncoding(String env) { characterEncoding = env; }
    @Override public int getContentLength() { return body == null ? -1 : body.length; }
    @Override public long getContentLengthLong() { return getContentLength(); }
    @Override public String getContentType() { return getHeader("Content-Type"); }

    @Override
    public ServletInputStream getInputStream() {
        if (reader != null) {
            throw new IllegalStateException("getReader() was called");
        }
        if (input == null) {
            input = new BodyStream(body == null ? new byte[0] : body);
        }
        return input;
    }

    @Override public String getParameter(String name) { return null; }
    @Override public Enumeration<String> getParameterNames() { return Collections.emptyEnumeration(); }
    @Override public String[] getParameterValues(String name) { return null; }
    @Override public Map<String, String[]> getParameterMap() { return Map.of(); }
    @Override public String getProtocol() { return "HTTP/1.1"; }
    @Override public String getScheme() { return "http"; }
    @Override public String getServerName() { return "localhost"; }
    @Override public int getServerPort() { return 8080; }

    @Override
    public BufferedReader getReader() {
        if (input != null) {
            throw new IllegalStateException("getInputStream() was called");
        }
        if (reader == null) {
            Charset charset = characterEncoding == null ? StandardCharsets.UTF_8 : Charset.forName(characterEncoding);
            reader = new BufferedReader(new InputStreamReader(new BodyStream(body == null ? new byte[0] : body), charset));
        }
        return reader;
    }

    @Override public String getRemoteAddr() { return "127.0.0.1"; }
    @Override public String getRemoteHost() { return "127.0.0.1"; }
    @Override public void setAttribute(String name, Object o) { if (o == null) attributes.remove(name); else attributes.put(name, o); }
    @Override public void removeAttribute(String name) { attributes.remove(name); }
    @Override public Locale getLocale() { return Locale.ENGLISH; }
    @Override public Enumeration<Locale> getLocales() { return Collections.enumeration(List.of(Locale.ENGLISH)); }
    @Override public boolean isSecure() { return false; }
    @Override public RequestDispatcher getRequestDispatcher(String path) { return null; }
    @Override public int getRemotePort() { return 53211; }
    @Override public String getLocalName() { return "localhost"; }
    @Override public String getLocalAddr() { return "127.0.0.1"; }
    @Override public int getLocalPort() { return 8080; }
    @Override public ServletContext getServletContext() { return null; }
    @Override public AsyncContext startAsync() { throw new IllegalStateException("async not supported here"); }
    @Override public AsyncContext startAsync(ServletRequest request, ServletResponse response) { throw new IllegalStateException("async not supported here"); }
    @Override public boolean isAsyncStarted() { return false; }
    @Override public boolean isAsyncSupported() { return false; }
    @Override public AsyncContext getAsyncContext() { throw new IllegalStateException("async not started"); }
    @Override public DispatcherType getDispatcherType() { return DispatcherType.REQUEST; }
    @Override public String getRequestId() { return "1"; }
    @Override public String getProtocolRequestId() { return ""; }
    @Override public ServletConnection getServletConnection() { return null; }

    /** A container's body stream over bytes already received. */
    private static final class BodyStream extends ServletInputStream {
        private final byte[] bytes;
        private int pos;

        BodyStream(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read() {
            return pos < bytes.length ? bytes[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (len == 0) {
                return 0;
            }
            if (pos >= bytes.length) {
                return -1;
            }
            int n = Math.min(len, bytes.length - pos);
            System.arraycopy(bytes, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override public int available() { return bytes.length - pos; }
        @Override public boolean isFinished() { return pos >= bytes.length; }
        @Override public boolean isReady() { return true; }
        @Override public void setReadListener(ReadListener readListener) { throw new IllegalStateException("blocking stream"); }
    }
}
