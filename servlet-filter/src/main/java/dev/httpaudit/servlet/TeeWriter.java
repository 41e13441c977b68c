package dev.httpaudit.servlet;

import java.io.PrintWriter;

/**
 * The container's own response writer with a tee: every call goes to it unchanged (so its
 * charset, buffering, error handling and {@code getWriter}/{@code getOutputStream}
 * exclusivity stay the container's), and the characters are offered to the capture as the
 * bytes the writer's charset makes of them.
 *
 * <p>Every method {@link PrintWriter} routes through its own {@code out} field directly
 * ({@code println()}) is overridden, so nothing reaches the client without passing the tee.
 * A {@link PrintWriter} swallows I/O errors, so a client abort on this path is seen only
 * when the container reports it (for example through an async {@code onError}).
 */
final class TeeWriter extends PrintWriter {

    private static final String LINE_SEPARATOR = System.lineSeparator();

    private final PrintWriter delegate;
    private final CharCapture capture;
    private final Auditor auditor;

    TeeWriter(PrintWriter delegate, CharCapture capture, Auditor auditor) {
        super(delegate, false);
        this.delegate = delegate;
        this.capture = capture;
        this.auditor = auditor;
    }

    PrintWriter delegate() {
        return delegate;
    }

    CharCapture capture() {
        return capture;
    }

    @Override
    public void write(int c) {
        delegate.write(c);
        auditor.safely(() -> capture.write(c));
    }

    @Override
    public void write(char[] buf, int off, int len) {
        delegate.write(buf, off, len);
        auditor.safely(() -> capture.write(buf, off, len));
    }

    @Override
    public void write(char[] buf) {
        write(buf, 0, buf.length);
    }

    @Override
    public void write(String s, int off, int len) {
        delegate.write(s, off, len);
        auditor.safely(() -> capture.write(s, off, len));
    }

    @Override
    public void write(String s) {
        write(s, 0, s.length());
    }

    @Override
    public void println() {
        write(LINE_SEPARATOR);
    }

    @Override
    public void flush() {
        delegate.flush();
    }

    @Override
    public void close() {
        delegate.close();
    }

    @Override
    public boolean checkError() {
        return delegate.checkError();
    }
}
