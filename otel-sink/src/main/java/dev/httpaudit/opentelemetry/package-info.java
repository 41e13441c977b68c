/**
 * The OpenTelemetry logs sink: {@link dev.httpaudit.opentelemetry.OpenTelemetryAuditSink} writes
 * every audit event as a log record through the OpenTelemetry Logs Bridge API. API: the sink and
 * its builder; everything else here is package-private.
 */
@NullMarked
package dev.httpaudit.opentelemetry;

import org.jspecify.annotations.NullMarked;
