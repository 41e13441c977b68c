/**
 * Not API: shared mechanics that other packages and modules of http-audit use (body text
 * decoding and bounded capture, writable delivery counters, the rate-limited failure reporter,
 * per-thread spare arrays, the builders' duration and size checks, the marker of a sink that is
 * its own queue).
 * Anything here may change or go in any release; do not depend on it.
 */
@NullMarked
package dev.httpaudit.core.internal;

import org.jspecify.annotations.NullMarked;
