package dev.httpaudit.spring.otel;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.data.LogRecordData;
import io.opentelemetry.sdk.logs.export.SimpleLogRecordProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemoryLogRecordExporter;
import java.lang.reflect.InvocationTargetException;

/**
 * The real OpenTelemetry SDK with its in-memory log exporter, for the starter's tests, which
 * run on the OpenTelemetry versions of Boot 4.0 (1.55) and of Boot 3.5 (1.49, spring-boot3-compat).
 */
public final class OtelRecords {

    private OtelRecords() {
    }

    /** An SDK whose every log record goes, unbatched, to {@code exporter}. */
    public static OpenTelemetrySdk sdk(InMemoryLogRecordExporter exporter) {
        return OpenTelemetrySdk.builder()
                .setLoggerProvider(SdkLoggerProvider.builder()
                        .addLogRecordProcessor(SimpleLogRecordProcessor.create(exporter)).build())
                .build();
    }

    /**
     * The record's event name: its event name field where the SDK has one (1.50 on), else the
     * {@code event.name} attribute, where the sink puts it on an older API (Boot 3.5's 1.49).
     */
    public static String eventName(LogRecordData record) {
        try {
            return (String) LogRecordData.class.getMethod("getEventName").invoke(record);
        } catch (NoSuchMethodException e) {
            return record.getAttributes().get(AttributeKey.stringKey("event.name"));
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException(e);
        }
    }
}
