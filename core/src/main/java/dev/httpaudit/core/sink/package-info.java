/**
 * The sinks that ship with http-audit: API. SLF4J, JSON lines to a file, in memory, several at
 * once, and the bounded async queue in front of any of them.
 */
@NullMarked
package dev.httpaudit.core.sink;

import org.jspecify.annotations.NullMarked;
