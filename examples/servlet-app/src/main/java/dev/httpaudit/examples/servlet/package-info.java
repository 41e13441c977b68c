/**
 * An example application of http-audit (not published, not API).
 */
@NullMarked
package dev.httpaudit.examples.servlet;

import org.jspecify.annotations.NullMarked;
