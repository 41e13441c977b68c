/**
 * The command line verifier, {@code java -jar http-audit-verify.jar}: key generation and the
 * verification of chained JSON lines files. Not a library API; see docs/integrity.md.
 */
@NullMarked
package dev.httpaudit.verifier;

import org.jspecify.annotations.NullMarked;
