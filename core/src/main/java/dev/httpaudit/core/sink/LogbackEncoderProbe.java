package dev.httpaudit.core.sink;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggerContextListener;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.AppenderAttachable;
import java.util.Iterator;
import java.util.List;
import net.logstash.logback.appender.AbstractLogstashTcpSocketAppender;
import net.logstash.logback.composite.JsonProvider;
import net.logstash.logback.composite.loggingevent.KeyValuePairsJsonProvider;
import net.logstash.logback.composite.loggingevent.LogstashMarkersJsonProvider;
import net.logstash.logback.encoder.CompositeJsonEncoder;
import org.slf4j.LoggerFactory;

/**
 * Decides {@link Slf4jAuditSink.FieldFormat#AUTO}: whether every line of a logger ends in an
 * encoder that writes LLE's raw JSON markers where it would write key-value pairs, so that
 * handing it the fields as raw markers gives the same line. It looks at the appenders the
 * logger's lines reach in Logback (its own and, while additive, its ancestors', through
 * {@link AppenderAttachable async wrappers}) and answers yes only if at least one has a
 * Logstash Logback Encoder JSON encoder that writes markers and all key-value pairs (no
 * include, exclude or rename of keys), and every other one is a pattern layout that shows
 * neither ({@code %kvp}, {@code %marker}). Anything else (Spring Boot's structured logging, an
 * encoder or appender it does not know) keeps the key-value pairs, which every encoder reads.
 *
 * <p>Loaded only when Logback and LLE are both on the class path. LLE 8 and 9 have the same
 * names and signatures for every member used here.
 */
final class LogbackEncoderProbe {

    private LogbackEncoderProbe() {
    }

    /**
     * Whether the named logger's lines may carry the fields as raw JSON markers. When SLF4J is
     * bound to Logback, {@code onReset} runs once when the configuration is next reset (Logback
     * reconfiguring, Spring Boot initializing logging), so that the caller asks again.
     */
    static boolean acceptsRawFields(String loggerName, Runnable onReset) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return false; // another SLF4J binding: its encoders are unknown
        }
        context.addListener(new ResetListener(onReset));
        Verdict verdict = Verdict.NEUTRAL;
        String name = loggerName;
        while (true) {
            Logger logger = context.exists(name);
            if (logger != null) {
                verdict = verdict.and(appenders(logger.iteratorForAppenders()));
                if (!logger.isAdditive()) {
                    break;
                }
            }
            if (name.equals(org.slf4j.Logger.ROOT_LOGGER_NAME)) {
                break;
            }
            int dot = name.lastIndexOf('.');
            name = dot < 0 ? org.slf4j.Logger.ROOT_LOGGER_NAME : name.substring(0, dot);
        }
        return verdict == Verdict.RAW;
    }

    private static Verdict appenders(Iterator<Appender<ILoggingEvent>> appenders) {
        Verdict verdict = Verdict.NEUTRAL;
        while (appenders.hasNext()) {
            verdict = verdict.and(appender(appenders.next()));
        }
        return verdict;
    }

    @SuppressWarnings("unchecked")
    private static Verdict appender(Appender<ILoggingEvent> appender) {
        if (appender instanceof OutputStreamAppender<ILoggingEvent> stream) {
            return encoder(stream.getEncoder());
        }
        if (appender instanceof AbstractLogstashTcpSocketAppender<?, ?> tcp) {
            return encoder((Encoder<ILoggingEvent>) tcp.getEncoder());
        }
        if (appender instanceof AppenderAttachable<?> wrapper) {
            return appenders(((AppenderAttachable<ILoggingEvent>) wrapper).iteratorForAppenders());
        }
        return Verdict.KEY_VALUES;
    }

    private static Verdict encoder(Encoder<ILoggingEvent> encoder) {
        if (encoder instanceof CompositeJsonEncoder<?> json) {
            return writesMarkersAndAllKeyValues(json.getProviders().getProviders()) ? Verdict.RAW : Verdict.KEY_VALUES;
        }
        if (encoder instanceof LayoutWrappingEncoder<ILoggingEvent> wrapping
                && wrapping.getLayout() instanceof PatternLayout layout) {
            String pattern = layout.getPattern();
            // %kvp shows the key-value pairs, %marker the markers: either would change.
            return pattern == null || pattern.contains("kvp") || pattern.contains("marker")
                    ? Verdict.KEY_VALUES : Verdict.NEUTRAL;
        }
        return Verdict.KEY_VALUES;
    }

    private static boolean writesMarkersAndAllKeyValues(List<? extends JsonProvider<?>> providers) {
        boolean markers = false;
        boolean keyValues = false;
        for (JsonProvider<?> provider : providers) {
            if (provider instanceof LogstashMarkersJsonProvider) {
                markers = true;
            } else if (provider instanceof KeyValuePairsJsonProvider pairs) {
                keyValues = pairs.getIncludeKeyNames().isEmpty() && pairs.getExcludeKeyNames().isEmpty()
                        && pairs.getKeyFieldNames().isEmpty();
            }
        }
        return markers && keyValues;
    }

    /** What one appender (or a set of them) allows. */
    private enum Verdict {
        /** Shows neither key-value pairs nor markers: either way gives the same output. */
        NEUTRAL,
        /** An LLE encoder that writes raw markers exactly as it writes key-value pairs. */
        RAW,
        /** Needs the key-value pairs. */
        KEY_VALUES;

        Verdict and(Verdict other) {
            return values()[Math.max(ordinal(), other.ordinal())];
        }
    }

    /** Tells the sink once that the configuration was reset; Logback then drops the listener. */
    private static final class ResetListener implements LoggerContextListener {
        private final Runnable onReset;

        ResetListener(Runnable onReset) {
            this.onReset = onReset;
        }

        @Override
        public boolean isResetResistant() {
            return false;
        }

        @Override
        public void onStart(LoggerContext context) {
        }

        @Override
        public void onReset(LoggerContext context) {
            onReset.run();
        }

        @Override
        public void onStop(LoggerContext context) {
        }

        @Override
        public void onLevelChange(Logger logger, ch.qos.logback.classic.Level level) {
        }
    }
}
