/**
 * The tamper-evident trail's configuration (API): {@link dev.httpaudit.core.integrity.IntegrityOptions},
 * given to the JSON lines file sink, and {@link dev.httpaudit.core.integrity.Ed25519Pem}, which reads
 * and writes the signing keys. See docs/integrity.md.
 */
@NullMarked
package dev.httpaudit.core.integrity;

import org.jspecify.annotations.NullMarked;
