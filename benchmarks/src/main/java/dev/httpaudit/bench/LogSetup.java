package dev.httpaudit.bench;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import net.logstash.logback.encoder.LogstashEncoder;
import org.slf4j.LoggerFactory;

/**
 * The same logging back end for every library: SLF4J, Logback, one {@link LogstashEncoder}
 * (9.x) whose output goes to a stream that counts and discards the bytes. Each library's
 * logger is set to the level at which it is active; everything else is at WARN.
 */
public final class LogSetup {

    /** Logger of http-audit's SLF4J sink (INFO). */
    public static final String HTTP_AUDIT = "http.audit";
    /** Logger of Logbook's {@code DefaultHttpLogWriter} (TRACE). */
    public static final String LOGBOOK = "org.zalando.logbook";
    /** Logger of Spring's {@code CommonsRequestLoggingFilter} (DEBUG). */
    public static final String SPRING_REQUEST = "org.springframework.web.filter.CommonsRequestLoggingFilter";
    /** Logger of the benchmark's response-body logging filter beside it (DEBUG). */
    public static final String SPRING_RESPONSE = "bench.spring.ResponseLoggingFilter";

    private static final CountingStream DISCARD = new CountingStream();
    private static volatile ByteArrayOutputStream capture;

    private LogSetup() {
    }

    /** (Re)configures Logback; idempotent. */
    public static synchronized void install() {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        LogstashEncoder encoder = new LogstashEncoder();
        encoder.setContext(context);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setName("discard");
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(DISCARD);
        appender.start();
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        context.getLogger(HTTP_AUDIT).setLevel(Level.INFO);
        context.getLogger(LOGBOOK).setLevel(Level.TRACE);
        context.getLogger(SPRING_REQUEST).setLevel(Level.DEBUG);
        context.getLogger(SPRING_RESPONSE).setLevel(Level.DEBUG);
    }

    /** Bytes the encoder has written so far. */
    public static long bytesLogged() {
        return DISCARD.count;
    }

    /** Lines written so far (newlines seen). */
    public static long linesLogged() {
        return DISCARD.lines;
    }

    /** Keeps a copy of what is logged from now on (for the sanity check only; never while measuring). */
    public static void startCapture() {
        capture = new ByteArrayOutputStream();
    }

    /** What was logged since {@link #startCapture()}; stops capturing. */
    public static String stopCapture() {
        ByteArrayOutputStream out = capture;
        capture = null;
        return out == null ? "" : out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static final class CountingStream extends OutputStream {
        private long count;
        private long lines;

        @Override
        public void write(int b) {
            count++;
            if (b == '\n') {
                lines++;
            }
            ByteArrayOutputStream out = capture;
            if (out != null) {
                out.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
            if (len > 0 && b[off + len - 1] == '\n') {
                lines++;
            }
            ByteArrayOutputStream out = capture;
            if (out != null) {
                out.write(b, off, len);
            }
        }
    }
}
