package dev.httpaudit.servlet;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.http.HttpServletResponse;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The response body as the application writes it: the stream or writer it is given (the
 * container's, through a {@link TeeOutputStream} or {@link TeeWriter}), the copy they fill,
 * and its discarding when the container discards buffered output ({@code reset},
 * {@code sendError}, an error page). The copy is made at the first write, when the content
 * type is usually known: a body that is not textual is only counted, never copied.
 */
final class ResponseBodyTap {

    private final HttpServletResponse response;
    private final Auditor auditor;
    private final boolean contentAllowed;
    private final ExchangeOutcome outcome;
    private final CorrelationMdc mdc;

    private volatile @Nullable BodyCapture capture;
    private volatile @Nullable Charset writerCharset;
    // Guarded by this.
    private @Nullable TeeOutputStream teeOutput;
    private @Nullable TeeWriter teeWriter;

    /**
     * @param response       the exchange's own response, whose content type decides what is copied
     * @param contentAllowed whether the content may be copied at all (else only counted)
     */
    ResponseBodyTap(HttpServletResponse response, Auditor auditor, boolean contentAllowed, ExchangeOutcome outcome,
                    CorrelationMdc mdc) {
        this.response = response;
        this.auditor = auditor;
        this.contentAllowed = contentAllowed;
        this.outcome = outcome;
        this.mdc = mdc;
    }

    /** The stream the application writes: the container's, through the tee (the same tee for the same stream). */
    synchronized ServletOutputStream outputStream(ServletOutputStream containerStream) {
        TeeOutputStream tee = teeOutput;
        if (tee == null || tee.delegate() != containerStream) {
            tee = new TeeOutputStream(containerStream, this, outcome, mdc);
            teeOutput = tee;
        }
        return tee;
    }

    /** The writer the application writes: the container's, through the tee, encoding with the writer's charset. */
    synchronized PrintWriter writer(PrintWriter containerWriter, @Nullable String characterEncoding) {
        TeeWriter tee = teeWriter;
        if (tee == null || tee.delegate() != containerWriter) {
            Charset charset = ContentTypes.forName(characterEncoding, StandardCharsets.ISO_8859_1);
            writerCharset = charset;
            tee = new TeeWriter(containerWriter, new CharCapture(this::capture, charset), auditor);
            teeWriter = tee;
        }
        return tee;
    }

    void capture(int b) {
        try {
            capture().write(b);
        } catch (RuntimeException e) {
            auditor.reportFailure(e);
        }
    }

    void capture(byte[] b, int off, int len) {
        try {
            capture().write(b, off, len);
        } catch (RuntimeException e) {
            auditor.reportFailure(e);
        }
    }

    /** The copy, made at the first write. */
    BodyCapture capture() {
        BodyCapture current = capture;
        if (current == null) {
            int limit = 0;
            if (contentAllowed) {
                String mime = ContentTypes.mimeType(response.getContentType());
                limit = mime == null || auditor.contentTypes().isTextual(mime) ? auditor.config().bodyMaxBytes() : 0;
            }
            current = new BodyCapture(limit);
            capture = current;
        }
        return current;
    }

    /** The copy if anything was written, else {@code null}. */
    @Nullable BodyCapture captureIfAny() {
        return capture;
    }

    /** The charset of the writer, when the application wrote through one. */
    @Nullable Charset writerCharset() {
        return writerCharset;
    }

    /** The buffered response was discarded: so is the copy. */
    void discarded() {
        auditor.safely(() -> {
            capture = null;
            synchronized (this) {
                TeeWriter tee = teeWriter;
                if (tee != null) {
                    tee.capture().reset();
                }
            }
        });
    }
}
