package dev.httpaudit.core.integrity.internal;

import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Verifies chained JSON lines files (see {@link ChainFormat}) with the public key: every line's
 * hash, every checkpoint's signature, the order and completeness of every chain. Files may be
 * given in any order, rotated or not, of several instances and restarts.
 *
 * <p>How a finding is decided, in short (docs/integrity.md has the whole table): each line's
 * position in its chain comes from its {@code http_audit.chain} field, or, when that field was
 * damaged, from the line after it, whose hash names this line's hash. For every position the
 * verifier picks the line that links to the previous position's hash (preferring the one whose
 * successor links to it, so that a forged line with a correct hash loses to the real one); a
 * line that links to nothing is {@code modified}, a second line at a position is
 * {@code inserted}, a missing position is {@code deleted} (or {@code truncated} when a rotated
 * file lost its end), and authentic lines out of order in a file are {@code reordered} (those
 * outside the longest increasing run of positions). A checkpoint must verify with the key and
 * sign the hash the chain really has there.
 */
public final class ChainVerifier {

    private static final JsonFactory JSON = JsonFactory.builder().build();
    private static final int BUFFER = 1 << 20;

    private final PublicKey publicKey;
    /**
     * Signatures already checked (message and signature to the result): a verifier kept and run
     * again over a growing log checks only the new checkpoints' signatures, which cost far more
     * than hashing.
     */
    private final Map<String, Boolean> checkedSignatures = new ConcurrentHashMap<>();
    /**
     * What the lines of {@link LogSource#ofLines} sources parsed to, by identity (byte arrays
     * have no value equality), weakly: verifying many variants of one log in memory parses and
     * hashes each distinct line once.
     */
    private final Map<byte[], Parsed> parsedLines = java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private ChainVerifier(PublicKey publicKey) {
        this.publicKey = publicKey;
    }

    /** A verifier of checkpoints signed by this Ed25519 key's private half. */
    public static ChainVerifier withPublicKey(PublicKey publicKey) {
        return new ChainVerifier(publicKey);
    }

    /** Verifies the files together. */
    public VerificationReport verify(List<LogSource> sources) throws IOException {
        return new Run(sources).verify();
    }

    /** One line as read. */
    private static final class Line {
        final int file;
        final int index;
        boolean json;
        boolean torn;
        boolean hasSuffix;
        byte @Nullable [] stored;
        byte @Nullable [] digest;
        @Nullable String chain;
        long seq = -1;
        @Nullable Checkpoint checkpoint;
        boolean reported;
        boolean primary;
        boolean explainsGap;

        Line(int file, int index) {
            this.file = file;
            this.index = index;
        }

        boolean claimed() {
            return chain != null && seq >= 0;
        }

        long order() {
            return ((long) file << 32) | index;
        }
    }

    /** What a line's bytes say, before any analysis. */
    private record Parsed(boolean json, boolean hasSuffix, byte @Nullable [] stored, byte @Nullable [] digest,
            @Nullable String chain, long seq, @Nullable Checkpoint checkpoint) {
    }

    private record Checkpoint(@Nullable String reason, long seq, @Nullable String hash, @Nullable String signature,
            @Nullable String timestamp) {
    }

    private final class Run {
        private final List<LogSource> sources;
        private final List<List<Line>> files = new ArrayList<>();
        private final List<Finding> findings = new ArrayList<>();
        private final MessageDigest sha = ChainFormat.sha256();
        private final Signature verifier;
        private long lines;
        private int checkpoints;

        Run(List<LogSource> sources) {
            this.sources = sources;
            try {
                verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(publicKey);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("not an Ed25519 public key", e);
            }
        }

        VerificationReport verify() throws IOException {
            for (int f = 0; f < sources.size(); f++) {
                files.add(read(f));
            }
            reportDamagedLines();
            recoverClaims();
            Map<String, List<Line>> chains = new LinkedHashMap<>();
            for (List<Line> file : files) {
                for (Line line : file) {
                    if (line.claimed()) {
                        chains.computeIfAbsent(line.chain, k -> new ArrayList<>()).add(line);
                    }
                }
            }
            List<Runnable> gapChecks = new ArrayList<>();
            for (Map.Entry<String, List<Line>> chain : chains.entrySet()) {
                gapChecks.add(verifyChain(chain.getKey(), chain.getValue()));
            }
            gapChecks.forEach(Runnable::run);
            for (List<Line> file : files) {
                for (Line line : file) {
                    if (!line.claimed() && !line.reported) {
                        report(line, FindingKind.MODIFIED, "its http_audit.chain field is missing or damaged");
                    } else if (line.claimed() && !line.primary && !line.reported) {
                        if (line.explainsGap) {
                            report(line, FindingKind.MODIFIED, "its chain fields were changed (it sits where position "
                                    + "is missing)");
                        } else {
                            report(line, FindingKind.INSERTED, "a second line at position " + line.seq + " of chain "
                                    + line.chain + ": a copy of another line, or a forged one");
                        }
                    }
                }
            }
            Map<String, Integer> fileOrder = new HashMap<>();
            for (int f = 0; f < sources.size(); f++) {
                fileOrder.putIfAbsent(sources.get(f).name(), f);
            }
            findings.sort(Comparator.comparingInt((Finding x) -> fileOrder.get(x.file())).thenComparingLong(Finding::line));
            return new VerificationReport(findings, lines, chains.size(), checkpoints);
        }

        // ---- reading ----

        private List<Line> read(int f) throws IOException {
            List<Line> out = new ArrayList<>();
            List<byte[]> given = sources.get(f).lines();
            if (given != null) {
                for (int i = 0; i < given.size(); i++) {
                    byte[] bytes = given.get(i);
                    Parsed parsed = parsedLines.get(bytes);
                    if (parsed == null) {
                        parsed = parse(bytes, 0, bytes.length);
                        parsedLines.put(bytes, parsed);
                    }
                    out.add(line(f, i, parsed, i == given.size() - 1 && !sources.get(f).lastLineEnded()));
                }
                lines += out.size();
                return out;
            }
            try (InputStream in = sources.get(f).opener().open()) {
                byte[] buf = new byte[BUFFER];
                int start = 0;
                int end = 0;
                boolean eof = false;
                while (true) {
                    int nl = -1;
                    for (int i = start; i < end; i++) {
                        if (buf[i] == '\n') {
                            nl = i;
                            break;
                        }
                    }
                    if (nl >= 0) {
                        out.add(line(f, out.size(), parse(buf, start, nl - start), false));
                        start = nl + 1;
                        continue;
                    }
                    if (eof) {
                        if (end > start) {
                            out.add(line(f, out.size(), parse(buf, start, end - start), true));
                        }
                        break;
                    }
                    // compact, grow if one line fills the buffer, then read more
                    if (start > 0) {
                        System.arraycopy(buf, start, buf, 0, end - start);
                        end -= start;
                        start = 0;
                    }
                    if (end == buf.length) {
                        buf = Arrays.copyOf(buf, buf.length * 2);
                    }
                    int n = in.read(buf, end, buf.length - end);
                    if (n < 0) {
                        eof = true;
                    } else {
                        end += n;
                    }
                }
            }
            lines += out.size();
            return out;
        }

        private Line line(int f, int index, Parsed parsed, boolean unterminated) {
            Line line = new Line(f, index);
            line.json = parsed.json();
            line.hasSuffix = parsed.hasSuffix();
            line.stored = parsed.stored();
            line.digest = parsed.digest();
            line.chain = parsed.chain();
            line.seq = parsed.seq();
            line.checkpoint = parsed.checkpoint();
            line.torn = unterminated && !(line.json && line.hasSuffix);
            return line;
        }

        private Parsed parse(byte[] buf, int off, int len) {
            Line line = new Line(-1, -1);
            if (len > 0 && buf[off + len - 1] == '\r') {
                len--; // CRLF: the line is not what was written, its hash says so
            }
            line.hasSuffix = ChainFormat.hasHashSuffix(buf, off, len);
            if (line.hasSuffix) {
                line.stored = ChainFormat.storedHash(buf, off, len);
                line.digest = ChainFormat.lineDigest(sha, buf, off, len);
            }
            try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), buf, off, len)) {
                readFields(p, line);
                line.json = p.nextToken() == null;
            } catch (JacksonException | IllegalStateException e) {
                line.json = false;
            }
            if (!line.json) {
                line.chain = null;
                line.seq = -1;
                line.checkpoint = null;
            }
            return new Parsed(line.json, line.hasSuffix, line.stored, line.digest, line.chain, line.seq, line.checkpoint);
        }

        private void readFields(JsonParser p, Line line) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalStateException("not an object");
            }
            String timestamp = null;
            Map<String, String> cp = null;
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (name.equals(ChainFormat.CHAIN_FIELD) && value == JsonToken.START_OBJECT) {
                    Map<String, String> chain = flatObject(p);
                    line.chain = chain.get("id");
                    line.seq = parseSeq(chain.get("seq"));
                } else if (name.equals(ChainFormat.CHECKPOINT_FIELD) && value == JsonToken.START_OBJECT) {
                    cp = flatObject(p);
                } else if (name.equals("@timestamp") && value == JsonToken.VALUE_STRING) {
                    timestamp = p.getString();
                } else {
                    p.skipChildren();
                }
            }
            if (cp != null) {
                line.checkpoint = new Checkpoint(cp.get("reason"), parseSeq(cp.get("seq")), cp.get("hash"),
                        cp.get("signature"), timestamp);
            }
        }

        private Map<String, String> flatObject(JsonParser p) {
            Map<String, String> fields = new HashMap<>();
            while (p.nextToken() == JsonToken.PROPERTY_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value.isScalarValue()) {
                    fields.put(name, p.getString());
                } else {
                    p.skipChildren();
                }
            }
            return fields;
        }

        private long parseSeq(String text) {
            if (text == null || text.isEmpty() || text.length() > 18) {
                return -2;
            }
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) < '0' || text.charAt(i) > '9') {
                    return -2;
                }
            }
            return Long.parseLong(text);
        }

        // ---- damage that needs no chain ----

        private void reportDamagedLines() {
            for (List<Line> file : files) {
                for (int i = 0; i < file.size(); i++) {
                    Line line = file.get(i);
                    if (line.torn) {
                        report(line, FindingKind.TORN_LINE, "the last line of the file is incomplete (a crash during "
                                + "a write)");
                    } else if (!line.json) {
                        Line next = i + 1 < file.size() ? file.get(i + 1) : null;
                        if (next != null && next.json && next.seq == 0) {
                            // the sink ends a torn line with a newline when it starts again
                            line.torn = true;
                            report(line, FindingKind.TORN_LINE, "an incomplete line before a new chain starts (a "
                                    + "crash during a write, then a restart)");
                        } else {
                            report(line, FindingKind.NOT_JSON, "not a JSON object");
                        }
                    } else if (!line.hasSuffix) {
                        if (line.chain == null) {
                            report(line, FindingKind.INSERTED, "a line that belongs to no chain (no http_audit.chain, "
                                    + "no event.hash)");
                        } else {
                            report(line, FindingKind.MODIFIED, "its event.hash is not the line's last field of 64 hex "
                                    + "digits");
                        }
                    }
                }
            }
        }

        /**
         * A line whose chain fields were damaged still has its place: the next line's hash names
         * it (within a file, or across a rotation, from the first line of another file).
         */
        private void recoverClaims() {
            for (List<Line> file : files) {
                for (int i = 1; i < file.size(); i++) {
                    recoverClaim(file.get(i - 1), file.get(i));
                }
            }
            for (List<Line> file : files) {
                if (file.isEmpty() || !file.get(0).claimed() || !file.get(0).hasSuffix) {
                    continue;
                }
                Line first = file.get(0);
                for (List<Line> other : files) {
                    if (other != file && !other.isEmpty()) {
                        recoverClaim(other.get(other.size() - 1), first);
                    }
                }
            }
        }

        private void recoverClaim(Line previous, Line line) {
            if (!line.claimed() || !line.hasSuffix || !previous.hasSuffix || line.seq == 0) {
                return;
            }
            if (previous.claimed() && previous.chain.equals(line.chain) && previous.seq == line.seq - 1) {
                return;
            }
            if (!Arrays.equals(ChainFormat.link(sha, previous.stored, line.digest), line.stored)) {
                return;
            }
            boolean hadClaim = previous.claimed();
            previous.chain = line.chain;
            previous.seq = line.seq - 1;
            if (!previous.reported) {
                report(previous, FindingKind.MODIFIED, hadClaim
                        ? "its chain fields were changed (the next line's hash puts it at position " + previous.seq + ")"
                        : "its http_audit.chain field is missing or damaged");
            }
        }

        // ---- one chain ----

        /** Picks a line per position and checks hashes and checkpoints; returns the gap check. */
        private Runnable verifyChain(String chainId, List<Line> chainLines) {
            chainLines.sort(Comparator.comparingLong((Line l) -> l.seq).thenComparingLong(Line::order));
            List<Line> primaries = new ArrayList<>();
            List<byte[]> refs = null; // hashes the next position may link to; null: any (after a gap)
            long expected = -1;
            long sealedThrough = -1;
            long closedAt = -1;
            int i = 0;
            while (i < chainLines.size()) {
                long s = chainLines.get(i).seq;
                int j = i;
                while (j < chainLines.size() && chainLines.get(j).seq == s) {
                    j++;
                }
                List<Line> group = chainLines.subList(i, j);
                i = j;
                if (closedAt >= 0) {
                    // a verified close is the chain's end: whatever follows it was added
                    for (Line added : group) {
                        if (!added.reported) {
                            report(added, FindingKind.INSERTED, "a line after chain " + chainId
                                    + "'s closing checkpoint");
                        }
                    }
                    continue;
                }
                if (expected == -1 ? s != 0 : s != expected) {
                    refs = null;
                } else if (s == 0) {
                    refs = List.of(ChainFormat.GENESIS);
                }
                Line primary = choose(group, refs);
                primary.primary = true;
                boolean authentic = primary.hasSuffix && links(refs, primary);
                List<byte[]> next = new ArrayList<>();
                if (primary.hasSuffix) {
                    next.add(primary.stored);
                }
                if (!authentic) {
                    if (!primary.reported) {
                        report(primary, FindingKind.MODIFIED, "its hash does not match its content and the line before it");
                    }
                    if (primary.hasSuffix && refs != null) {
                        for (byte[] r : refs) {
                            next.add(ChainFormat.link(sha, r, primary.digest)); // only its hash field was changed
                        }
                    } else {
                        next = null;
                    }
                }
                if (primary.checkpoint != null && authentic) {
                    Line covered = primaries.isEmpty() ? null : primaries.get(primaries.size() - 1);
                    if (checkpoint(chainId, primary, covered, s)) {
                        sealedThrough = s; // the lines before it, and the checkpoint line itself
                        if (closedAt < 0 && CheckpointReason.CLOSE.wireName().equals(primary.checkpoint.reason())) {
                            closedAt = s;
                        }
                    }
                }
                primaries.add(primary);
                refs = next;
                expected = s + 1;
            }
            long sealed = sealedThrough;
            return () -> checkGapsAndEnd(chainId, primaries, sealed);
        }

        private Line choose(List<Line> group, @Nullable List<byte[]> refs) {
            if (group.size() == 1) {
                return group.get(0);
            }
            Line best = null;
            int bestScore = -1;
            for (Line line : group) {
                int score = 0;
                if (line.hasSuffix) {
                    score += 1;
                    if (links(refs, line)) {
                        score += 8;
                    }
                    if (confirmedBySuccessor(line)) {
                        score += 4;
                    }
                    if (group.size() > 1 && line.checkpoint != null && signatureVerifies(line.chain, line.checkpoint)) {
                        score += 4; // only the key's holder can sign: a forger's line cannot have this
                    }
                    Line predecessor = neighbour(line, -1);
                    if (predecessor != null && predecessor.primary && line.chain.equals(predecessor.chain)
                            && predecessor.seq == line.seq - 1) {
                        score += 2;
                    }
                }
                if (score > bestScore) {
                    best = line;
                    bestScore = score;
                }
            }
            return best;
        }

        /** Whether the line after it (in its file, or the first of another file) links to its hash. */
        private boolean confirmedBySuccessor(Line line) {
            Line successor = neighbour(line, 1);
            if (successor != null) {
                return successor.hasSuffix
                        && Arrays.equals(ChainFormat.link(sha, line.stored, successor.digest), successor.stored);
            }
            for (List<Line> other : files) {
                if (other != files.get(line.file) && !other.isEmpty() && other.get(0).hasSuffix
                        && Arrays.equals(ChainFormat.link(sha, line.stored, other.get(0).digest), other.get(0).stored)) {
                    return true;
                }
            }
            return false;
        }

        private boolean signatureVerifies(String chainId, Checkpoint cp) {
            if (cp.hash() == null || cp.reason() == null || cp.signature() == null || cp.timestamp() == null) {
                return false;
            }
            byte[] message = ChainFormat.checkpointMessage(chainId, cp.seq(), cp.hash(), cp.reason(), cp.timestamp());
            String key = new String(message, java.nio.charset.StandardCharsets.US_ASCII) + cp.signature();
            return checkedSignatures.computeIfAbsent(key, k -> {
                try {
                    verifier.update(message);
                    return verifier.verify(Base64.getDecoder().decode(cp.signature()));
                } catch (GeneralSecurityException | IllegalArgumentException e) {
                    return false;
                }
            });
        }

        private boolean links(@Nullable List<byte[]> refs, Line line) {
            if (refs == null) {
                return true;
            }
            for (byte[] r : refs) {
                if (Arrays.equals(ChainFormat.link(sha, r, line.digest), line.stored)) {
                    return true;
                }
            }
            return false;
        }

        /** Verifies a checkpoint at position s; true when it seals position s - 1. */
        private boolean checkpoint(String chainId, Line line, Line covered, long s) {
            Checkpoint cp = line.checkpoint;
            if (cp.seq() != s - 1 || cp.hash() == null || cp.reason() == null || cp.signature() == null
                    || cp.timestamp() == null || CheckpointReason.ofWireName(cp.reason()) == null) {
                report(line, FindingKind.MODIFIED, "a checkpoint whose fields are not those of position " + s);
                return false;
            }
            if (!signatureVerifies(chainId, cp)) {
                report(line, FindingKind.BAD_SIGNATURE, "the checkpoint's signature does not verify with the public key");
                return false;
            }
            byte[] expectedHash = s == 0 ? ChainFormat.GENESIS
                    : covered != null && covered.seq == s - 1 && covered.hasSuffix ? covered.stored : null;
            if (expectedHash == null) {
                return false; // the covered line is missing: reported as deleted
            }
            if (!ChainFormat.hex(expectedHash).equals(cp.hash())) {
                report(line, FindingKind.MODIFIED, "the chain before this checkpoint is not the one it signed: lines "
                        + "since the previous checkpoint were changed and re-hashed");
                return false;
            }
            checkpoints++;
            return true;
        }

        private void checkGapsAndEnd(String chainId, List<Line> primaries, long sealedThrough) {
            checkOrder(chainId, primaries);
            Line previous = null;
            for (Line line : primaries) {
                long from = previous == null ? 0 : previous.seq + 1;
                if (line.seq > from) {
                    gap(chainId, previous, line, from);
                }
                previous = line;
            }
            Line last = primaries.get(primaries.size() - 1);
            CheckpointReason reason = last.checkpoint == null || last.reported ? null
                    : CheckpointReason.ofWireName(last.checkpoint.reason());
            boolean sealedEnd = sealedThrough == last.seq && reason != null;
            if (sealedEnd && reason == CheckpointReason.CLOSE) {
                return;
            }
            Line after = neighbour(last, 1);
            if (after != null && !after.primary && !after.torn) {
                // the chain goes on in the next line, whose chain fields were damaged
                after.explainsGap = true;
                return;
            }
            if (sealedEnd && reason == CheckpointReason.ROTATE) {
                report(sources.get(last.file).name(), last.index + 2, FindingKind.TRUNCATED, "chain " + chainId
                        + " continues after this rotation, but no file given holds position " + (last.seq + 1)
                        + ": its next file is missing, or was truncated or overwritten");
            } else if (sealedEnd) {
                report(sources.get(last.file).name(), last.index + 2, FindingKind.TRUNCATED, "chain " + chainId
                        + " ends at a checkpoint without its closing checkpoint: cut here, or the writer was killed");
            } else {
                long unsealed = last.seq - sealedThrough;
                Line first = last;
                for (int k = primaries.size() - 1; k >= 0 && primaries.get(k).seq > sealedThrough; k--) {
                    first = primaries.get(k);
                }
                report(first, FindingKind.UNSEALED_TAIL, unsealed + " lines of chain " + chainId + " after its last "
                        + "verified checkpoint are not sealed: the log was cut here, or the writer stopped without "
                        + "closing (a crash)");
            }
        }

        private void gap(String chainId, Line previous, Line line, long from) {
            long missing = line.seq - from;
            Line before = neighbour(line, -1);
            if (missing == 1 && before != null && !before.primary && (before.reported || before.claimed())) {
                // the line in between is there, damaged: already reported (or reported as modified below)
                before.explainsGap = true;
                return;
            }
            if (previous == null) {
                report(line, FindingKind.DELETED, "the first " + missing + " lines of chain " + chainId
                        + " are missing (positions 0 to " + (line.seq - 1) + ")");
                return;
            }
            boolean endOfFile = previous.index == files.get(previous.file).size() - 1;
            boolean startOfFile = line.index == 0 && line.file != previous.file;
            boolean rotation = previous.checkpoint != null && !previous.reported
                    && CheckpointReason.ROTATE.wireName().equals(previous.checkpoint.reason());
            if (endOfFile && startOfFile && !rotation) {
                report(sources.get(previous.file).name(), previous.index + 2, FindingKind.TRUNCATED, "the file ends at "
                        + "position " + previous.seq + " of chain " + chainId + " without its rotation checkpoint; "
                        + missing + " lines are missing before " + sources.get(line.file).name());
            } else {
                report(line, FindingKind.DELETED, missing + " lines of chain " + chainId + " are missing before this "
                        + "line (positions " + from + " to " + (line.seq - 1) + ")");
            }
        }

        /**
         * Authentic lines not where they were written: a line whose neighbours in its file are
         * neither the line before it in its chain nor the one after it (a line at the end of a
         * file may be followed by the first line of another file, as rotation leaves it).
         */
        private void checkOrder(String chainId, List<Line> primaries) {
            for (int k = 0; k < primaries.size(); k++) {
                Line line = primaries.get(k);
                Line before = k > 0 ? primaries.get(k - 1) : null;
                Line after = k + 1 < primaries.size() ? primaries.get(k + 1) : null;
                if (line.reported || before == null && after == null) {
                    continue;
                }
                if (!adjacent(before, line) && !adjacent(line, after)) {
                    report(line, FindingKind.REORDERED, "position " + line.seq + " of chain " + chainId
                            + " is not where it was written");
                }
            }
        }

        /** Whether b follows a in the files (or either is absent). */
        private boolean adjacent(Line a, Line b) {
            if (a == null || b == null) {
                return true;
            }
            if (a.file == b.file) {
                return b.index == a.index + 1;
            }
            return b.index == 0 && a.index == files.get(a.file).size() - 1;
        }

        private @Nullable Line neighbour(Line line, int step) {
            List<Line> file = files.get(line.file);
            int k = line.index + step;
            return k >= 0 && k < file.size() ? file.get(k) : null;
        }

        private void report(Line line, FindingKind kind, String detail) {
            line.reported = true;
            report(sources.get(line.file).name(), line.index + 1, kind, detail);
        }

        private void report(String file, long lineNumber, FindingKind kind, String detail) {
            findings.add(new Finding(file, lineNumber, kind, detail));
        }
    }

}
