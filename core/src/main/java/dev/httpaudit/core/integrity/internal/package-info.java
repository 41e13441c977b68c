/**
 * The hash chain and its checkpoints, written once for the sink that writes them and the
 * verifier that checks them: the line format, the hashes, the signed checkpoint, and the
 * verification. Not API: public only so that the project's own modules (the verifier) can
 * reach it; it may change in any release.
 */
@NullMarked
package dev.httpaudit.core.integrity.internal;

import org.jspecify.annotations.NullMarked;
