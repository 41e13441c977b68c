/**
 * The live view: a bounded buffer of recent, redacted events, the {@code httpaudit} Actuator
 * endpoint and the web page at {@code http-audit.live.path} (see docs/live-view.md).
 */
@org.jspecify.annotations.NullMarked
package dev.httpaudit.spring.live;
