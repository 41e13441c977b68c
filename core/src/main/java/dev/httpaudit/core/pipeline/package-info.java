/**
 * What happens to an event once an exchange is complete: API. {@link dev.httpaudit.core.pipeline.AuditPipeline}
 * enriches, redacts, fits the event to the size limit and writes it to the sink, and never
 * lets a failure reach the application.
 */
@NullMarked
package dev.httpaudit.core.pipeline;

import org.jspecify.annotations.NullMarked;
