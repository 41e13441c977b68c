/**
 * The event as JSON: API. {@link dev.httpaudit.core.json.EcsFieldMapping} maps an event to its ECS
 * field names, {@link dev.httpaudit.core.json.EventJsonWriter} writes the JSON document (one
 * line per event) and fits events into a size limit.
 */
@NullMarked
package dev.httpaudit.core.json;

import org.jspecify.annotations.NullMarked;
