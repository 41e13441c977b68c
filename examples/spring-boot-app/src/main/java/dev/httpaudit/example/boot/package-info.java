/**
 * An example application of http-audit (not published, not API).
 */
@NullMarked
package dev.httpaudit.example.boot;

import org.jspecify.annotations.NullMarked;
