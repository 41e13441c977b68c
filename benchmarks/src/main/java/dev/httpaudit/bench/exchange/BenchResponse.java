package dev.httpaudit.bench.exchange;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletResponse;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A response as a container hands it to the first filter, whose body goes straight to a
 * discarding "socket": every byte written is counted and dropped, nothing is buffered by the
 * harness, so only a library's own buffering shows in the allocation figures. It commits like
 * a container with an 8 KiB buffer (once more than that was written, or on flush). One
 * instance per exchange. Not thread-safe.
 */
public final class BenchResponse implements HttpServletResponse {

    private static final int BUFFER_SIZE = 8192;

    private final Map<String, List<String>> headers = new LinkedHashMap<>(); // lower-case name -> values
    private final Map<String, String> names = new LinkedHashMap<>(); // lower-case -> as set
    private int status = 200;
    private String contentType;
    private String characterEncoding;
    private long bytesWritten;
    private boolean committed;
    private final Sock out = new Sock();
    private PrintWriter writer;

    /** Bytes that reached the "socket". */
    public long bytesWritten() {
        return bytesWritten;
    }

    private void commitIfFull() {
        if (bytesWritten > BUFFER_SIZE) {
            committed = true;
        }
    }

    @Override public void addCookie(Cookie cookie) { addHeader("Set-Cookie", cookie.getName() + "=" + cookie.getValue()); }
    @Override public boolean containsHeader(String name) { return headers.containsKey(name.toLowerCase(Locale.ROOT)); }
    @Override public String encodeURL(String url) { return url; }
    @Override public String encodeRedirectURL(String url) { return url; }

    @Override
    public void sendError(int sc, String msg) {
        sendError(sc);
    }

    @Override
    public void sendError(int sc) {
        if (committed) {
            throw new IllegalStateException("committed");
        }
        status = sc;
        committed = true;
    }

    @Override
    public void sendRedirect(String location, int sc, boolean clearBuffer) {
        if (committed) {
            throw new IllegalStateException("committed");
        }
        status = sc;
        setHeader("Location", location);
        committed = true;
    }

    @Override public void setDateHeader(String name, long date) { setHeader(name, Long.toString(date)); }
    @Override public void addDateHeader(String name, long date) { addHeader(name, Long.toString(date)); }

    @Override
    public void setHeader(String name, String value) {
        if (committed) {
            return;
        }
        if (name.equalsIgnoreCase("Content-Type")) {
            setContentType(value);
            return;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (value == null) {
            headers.remove(lower);
            names.remove(lower);
            return;
        }
        List<String> values = new ArrayList<>(1);
        values.add(value);
        headers.put(lower, values);
        names.put(lower, name);
    }

    @Override
    public void addHeader(String name, String value) {
        if (committed || value == null) {
            return;
        }
        if (name.equalsIgnoreCase("Content-Type")) {
            setContentType(value);
            return;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        headers.computeIfAbsent(lower, k -> new ArrayList<>(1)).add(value);
        names.putIfAbsent(lower, name);
    }

    @Override public void setIntHeader(String name, int value) { setHeader(name, Integer.toString(value)); }
    @Override public void addIntHeader(String name, int value) { addHeader(name, Integer.toString(value)); }
    @Override public void setStatus(int sc) { if (!committed) status = sc; }
    @Override public int getStatus() { return status; }

    @Override
    public String getHeader(String name) {
        if (name.equalsIgnoreCase("Content-Type")) {
            return getContentType();
        }
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null ? null : values.get(0);
    }

    @Override
    public Collection<String> getHeaders(String name) {
        if (name.equalsIgnoreCase("Content-Type")) {
            String type = getContentType();
            return type == null ? List.of() : List.of(type);
        }
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null ? List.of() : new ArrayList<>(values);
    }

    @Override
    public Collection<String> getHeaderNames() {
        List<String> all = new ArrayList<>(names.size() + 1);
        if (contentType != null) {
            all.add("Content-Type");
        }
        all.addAll(names.values());
        return all;
    }

    @Override
    public String getCharacterEncoding() {
        return characterEncoding == null ? "ISO-8859-1" : characterEncoding;
    }

    @Override
    public String getContentType() {
        if (contentType == null) {
            return null;
        }
        return characterEncoding == null ? contentType : contentType + ";charset=" + characterEncoding;
    }

    @Override
    public ServletOutputStream getOutputStream() {
        if (writer != null) {
            throw new IllegalStateException("getWriter() was called");
        }
        return out;
    }

    @Override
    public PrintWriter getWriter() {
        if (writer == null) {
            if (characterEncoding == null) {
                characterEncoding = "UTF-8";
            }
            writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), false);
        }
        return writer;
    }

    @Override
    public void setCharacterEncoding(String charset) {
        if (!committed && writer == null) {
            characterEncoding = charset;
        }
    }

    @Override public void setContentLength(int len) { setContentLengthLong(len); }
    @Override public void setContentLengthLong(long len) { if (!committed) setHeader("Content-Length", Long.toString(len)); }

    @Override
    public void setContentType(String type) {
        if (committed) {
            return;
        }
        if (type == null) {
            contentType = null;
            return;
        }
        int semi = type.indexOf(';');
        if (semi < 0) {
            contentType = type;
            return;
        }
        contentType = type.substring(0, semi).trim();
        int cs = type.toLowerCase(Locale.ROOT).indexOf("charset=", semi);
        if (cs > 0 && writer == null) {
            characterEncoding = type.substring(cs + 8).trim();
        }
    }

    @Override public void setBufferSize(int size) { }
    @Override public int getBufferSize() { return BUFFER_SIZE; }

    @Override
    public void flushBuffer() {
        if (writer != null) {
            writer.flush();
        }
        committed = true;
    }

    @Override public void resetBuffer() { if (committed) throw new IllegalStateException("committed"); }

    @Override
    public void reset() {
        if (committed) {
            throw new IllegalStateException("committed");
        }
        headers.clear();
        names.clear();
        status = 200;
        contentType = null;
    }

    @Override public boolean isCommitted() { return committed; }
    @Override public void setLocale(Locale loc) { }
    @Override public Locale getLocale() { return Locale.ENGLISH; }

    /** The "socket": counts and discards. */
    private final class Sock extends ServletOutputStream {
        @Override
        public void write(int b) {
            bytesWritten++;
            commitIfFull();
        }

        @Override
        public void write(byte[] b, int off, int len) {
            bytesWritten += len;
            commitIfFull();
        }

        @Override
        public void flush() {
            committed = true;
        }

        @Override public boolean isReady() { return true; }
        @Override public void setWriteListener(WriteListener writeListener) { throw new IllegalStateException("blocking stream"); }
    }
}
