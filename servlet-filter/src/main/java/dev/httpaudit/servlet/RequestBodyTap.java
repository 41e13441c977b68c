package dev.httpaudit.servlet;

import jakarta.servlet.ServletInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.jspecify.annotations.Nullable;

/**
 * The request body as the application takes it: the stream or the reader it is given (each
 * reading through a {@link TeeInputStream} into the capture), and what it did with the body
 * (read it, or had the container parse parameters or parts from it), so that the event can
 * tell a body that was read from one that was never touched, and reconstruct a parsed form.
 * As the container does, it hands out either the stream or the reader, never both.
 */
final class RequestBodyTap {

    private final BodyCapture capture;
    private final ExchangeOutcome outcome;
    private final CorrelationMdc mdc;

    private volatile boolean read;
    private volatile boolean parametersAccessed;
    private volatile boolean partsAccessed;
    // Guarded by this.
    private boolean streamOpened;
    private @Nullable TeeInputStream teeInput;
    private @Nullable BufferedReader reader;

    /** @param capture the copy of the body (limit 0 when the content is not kept) */
    RequestBodyTap(BodyCapture capture, ExchangeOutcome outcome, CorrelationMdc mdc) {
        this.capture = capture;
        this.outcome = outcome;
        this.mdc = mdc;
    }

    /** The stream the application reads: the container's, through the tee (the same tee for the same stream). */
    synchronized ServletInputStream inputStream(ServletInputStream containerStream) {
        if (reader != null) {
            throw new IllegalStateException("getReader() has already been called for this request");
        }
        streamOpened = true;
        TeeInputStream tee = teeInput;
        if (tee == null || tee.delegate() != containerStream) {
            tee = new TeeInputStream(containerStream, this, outcome, mdc);
            teeInput = tee;
        }
        return tee;
    }

    /** The reader the application reads: the request's charset (ISO-8859-1 if none) decoding the tee. */
    synchronized BufferedReader reader(AuditedRequest audited) throws IOException {
        BufferedReader existing = reader;
        if (existing != null) {
            return existing;
        }
        if (streamOpened) {
            throw new IllegalStateException("getInputStream() has already been called for this request");
        }
        String encoding = audited.getCharacterEncoding();
        Charset charset;
        if (encoding == null) {
            // The Servlet specification's default for request bodies.
            charset = StandardCharsets.ISO_8859_1;
        } else {
            try {
                charset = Charset.forName(encoding);
            } catch (IllegalArgumentException e) {
                throw new UnsupportedEncodingException(encoding);
            }
        }
        // The reader decodes the tee, so what it reads is captured as raw bytes.
        BufferedReader created = new BufferedReader(new InputStreamReader(
                new TeeInputStream(audited.containerInputStream(), this, outcome, mdc), charset));
        reader = created;
        return created;
    }

    /** The application read from the body (whatever it got, even nothing). */
    void bodyRead() {
        read = true;
    }

    void capture(int b) {
        capture.write(b);
    }

    void capture(byte[] b, int off, int len) {
        capture.write(b, off, len);
    }

    void parametersAccessed() {
        parametersAccessed = true;
    }

    void partsAccessed() {
        partsAccessed = true;
    }

    /** The copy of what was read. */
    BodyCapture captured() {
        return capture;
    }

    boolean wasRead() {
        return read;
    }

    boolean parametersWereAccessed() {
        return parametersAccessed;
    }

    boolean partsWereAccessed() {
        return partsAccessed;
    }
}
