/**
 * Redaction of every event before it is written: API. {@link dev.httpaudit.core.redact.Redactor}
 * applies a {@link dev.httpaudit.core.redact.RedactionPolicy} (header, parameter and body-field
 * names, and the built-in recognizers) plus custom {@link dev.httpaudit.core.redact.RedactionRule}s;
 * the recognizers themselves are package-private.
 */
@NullMarked
package dev.httpaudit.core.redact;

import org.jspecify.annotations.NullMarked;
