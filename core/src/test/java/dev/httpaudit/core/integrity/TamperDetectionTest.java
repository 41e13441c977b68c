package dev.httpaudit.core.integrity;

import static dev.httpaudit.core.integrity.ChainedLogs.KEYS;
import static org.assertj.core.api.Assertions.assertThat;

import dev.httpaudit.core.integrity.internal.ChainFormat;
import dev.httpaudit.core.integrity.internal.ChainVerifier;
import dev.httpaudit.core.integrity.internal.Finding;
import dev.httpaudit.core.integrity.internal.FindingKind;
import dev.httpaudit.core.integrity.internal.LogSource;
import dev.httpaudit.core.integrity.internal.VerificationReport;
import dev.httpaudit.core.sink.JsonLinesAuditSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 10,000-line log written by the real sink (rotated files, and a restart, so two chains), then
 * thousands of random tamperings, one per trial, each verified in memory: every one is found,
 * with the right kind at the right line, and the untouched log has no finding.
 */
class TamperDetectionTest {

    private static final int TRIALS = 2000;
    private static final long SEED = Long.getLong("tamper.seed", 20261201L);
    private static final KeyPair OTHER_KEYS = Ed25519Pem.generate();
    private static final Pattern CHECKPOINT = Pattern.compile(
            "\"http_audit\\.checkpoint\":\\{\"reason\":\"([a-z]+)\",\"seq\":(-?\\d+),\"hash\":\"([0-9a-f]{64})\",\"signature\":\"([^\"]+)\"}");
    private static final Pattern TIMESTAMP = Pattern.compile("^\\{\"@timestamp\":\"([^\"]+)\"");
    private static final Pattern CHAIN = Pattern.compile("\"http_audit\\.chain\":\\{\"id\":\"([0-9a-f]+)\",\"seq\":(\\d+)}");

    @TempDir
    static Path dir;

    /** The untouched log: file names (oldest first) and their lines (without newline). */
    private static List<String> names;
    private static List<List<byte[]>> log;
    /** Every line in the order written: where it is and what it is. */
    private static List<Meta> written;
    private static ChainVerifier verifier;
    private static List<List<Meta>> byPlace;

    private record Meta(int file, int index, String chain, long seq, String reason, boolean lastOfChain) {
        boolean checkpoint() {
            return reason != null;
        }
    }

    /** A tampered copy and what the verifier must say about it. */
    private record Trial(String what, List<String> names, List<List<byte[]>> files, Set<FindingKind> kinds,
            List<Location> at, int tornFile) {
    }

    private record Location(String file, long line) {
    }

    @BeforeAll
    static void writeTheLog() throws IOException {
        Path file = dir.resolve("audit.json");
        IntegrityOptions options = IntegrityOptions.withKey(KEYS.getPrivate()).checkpointEvery(97);
        int event = 0;
        for (int run = 0; run < 2; run++) { // a restart between the two runs
            try (JsonLinesAuditSink sink = JsonLinesAuditSink.file(file).maxFileBytes(400 * 1024).maxHistory(1000)
                    .integrity(options).flushEachLine(false).build()) {
                for (int i = 0; i < (run == 0 ? 5800 : 4100); i++) {
                    sink.write(ChainedLogs.event(event++));
                }
            }
        }
        List<Path> files = ChainedLogs.files(dir);
        names = new ArrayList<>();
        log = new ArrayList<>();
        written = new ArrayList<>();
        for (int f = 0; f < files.size(); f++) {
            names.add(files.get(f).getFileName().toString());
            List<byte[]> lines = new ArrayList<>();
            for (String line : Files.readAllLines(files.get(f), StandardCharsets.UTF_8)) {
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                Matcher chain = CHAIN.matcher(line);
                assertThat(chain.find()).isTrue();
                Matcher cp = CHECKPOINT.matcher(line);
                written.add(new Meta(f, lines.size(), chain.group(1), Long.parseLong(chain.group(2)),
                        cp.find() ? cp.group(1) : null, false));
                lines.add(bytes);
            }
            log.add(lines);
        }
        for (int k = 0; k < written.size(); k++) {
            Meta m = written.get(k);
            boolean last = k + 1 == written.size() || !written.get(k + 1).chain().equals(m.chain());
            written.set(k, new Meta(m.file(), m.index(), m.chain(), m.seq(), m.reason(), last));
        }
        byPlace = new ArrayList<>();
        log.forEach(lines -> byPlace.add(new ArrayList<>()));
        written.forEach(m -> byPlace.get(m.file()).add(m));
        verifier = ChainVerifier.withPublicKey(KEYS.getPublic());
    }

    @Test
    void theLogIsTenThousandLinesInRotatedFilesOfTwoChainsAndHasNoFinding() throws IOException {
        assertThat(written).hasSizeGreaterThanOrEqualTo(10_000);
        assertThat(names.size()).isGreaterThan(5);
        assertThat(written.stream().map(Meta::chain).distinct()).hasSize(2);
        VerificationReport report = verify(new Trial("none", names, log, Set.of(), List.of(), -1));
        assertThat(report.findings()).isEmpty();
        assertThat(report.lines()).isEqualTo(written.size());
        assertThat(report.chains()).isEqualTo(2);
        assertThat(report.checkpoints()).isEqualTo((int) written.stream().filter(Meta::checkpoint).count());
    }

    @Test
    void everyRandomTamperingIsFoundWithItsKindAndLine() throws IOException {
        Random random = new Random(SEED);
        Map<FindingKind, Integer> seen = new EnumMap<>(FindingKind.class);
        for (int t = 0; t < TRIALS; t++) {
            Trial trial = tamper(random);
            VerificationReport report = verify(trial);
            boolean found = report.findings().stream().anyMatch(f -> trial.kinds().contains(f.kind())
                    && trial.at().contains(new Location(f.file(), f.line())));
            assertThat(found).as("trial %d (seed %d): %s, expected %s at %s; found:%n%s", t, SEED, trial.what(),
                    trial.kinds(), trial.at(), String.join("\n", report.findings().stream().map(Finding::toText).toList()))
                    .isTrue();
            report.findings().forEach(f -> seen.merge(f.kind(), 1, Integer::sum));
        }
        // the trials reached every kind the verifier has
        assertThat(seen.keySet()).containsAll(EnumSet.allOf(FindingKind.class));
    }

    @Test
    void tamperedRealFilesAreFoundToo(@TempDir Path tampered) throws IOException {
        Random random = new Random(SEED + 1);
        for (int t = 0; t < 5; t++) {
            Trial trial = tamper(random);
            Path folder = Files.createDirectory(tampered.resolve("t" + t));
            List<LogSource> sources = new ArrayList<>();
            for (int f = 0; f < trial.names().size(); f++) {
                Path file = folder.resolve(trial.names().get(f));
                Files.write(file, join(trial.files().get(f), f != trial.tornFile()));
                sources.add(LogSource.of(trial.names().get(f), () -> Files.newInputStream(file)));
            }
            VerificationReport report = ChainVerifier.withPublicKey(KEYS.getPublic()).verify(sources);
            assertThat(report.findings()).as(trial.what()).anyMatch(f -> trial.kinds().contains(f.kind())
                    && trial.at().contains(new Location(f.file(), f.line())));
        }
    }

    private static VerificationReport verify(Trial trial) throws IOException {
        List<LogSource> sources = new ArrayList<>();
        for (int f = 0; f < trial.files().size(); f++) {
            sources.add(LogSource.ofLines(trial.names().get(f), trial.files().get(f), f != trial.tornFile()));
        }
        return verifier.verify(sources);
    }

    /** Lines joined by newlines; a torn file's last line (a tear trial) has none. */
    private static byte[] join(List<byte[]> lines, boolean lastNewline) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.size(); i++) {
            out.writeBytes(lines.get(i));
            if (i + 1 < lines.size() || lastNewline) {
                out.write('\n');
            }
        }
        return out.toByteArray();
    }

    // ---- the tamperings ----

    private static Trial tamper(Random random) {
        int op = random.nextInt(12);
        return switch (op) {
            case 0, 1 -> flipByte(random);
            case 2 -> editField(random);
            case 3 -> deleteLine(random);
            case 4 -> deleteRange(random);
            case 5 -> insertCopy(random);
            case 6 -> insertForged(random);
            case 7 -> swap(random);
            case 8 -> truncate(random);
            case 9 -> dropFile(random);
            case 10 -> rewrite(random, true);
            default -> random.nextBoolean() ? tear(random) : rewrite(random, false);
        };
    }

    private static List<List<byte[]>> copy() {
        List<List<byte[]>> files = new ArrayList<>();
        log.forEach(lines -> files.add(new ArrayList<>(lines)));
        return files;
    }

    private static Meta anyLine(Random random) {
        return written.get(random.nextInt(written.size()));
    }

    private static Location at(int file, int index) {
        return new Location(names.get(file), index + 1L);
    }

    private static Trial trial(String what, List<List<byte[]>> files, Set<FindingKind> kinds, Location... at) {
        return new Trial(what, names, files, kinds, List.of(at), -1);
    }

    private static Trial flipByte(Random random) {
        Meta m = anyLine(random);
        List<List<byte[]>> files = copy();
        byte[] line = files.get(m.file()).get(m.index()).clone();
        int pos = random.nextInt(line.length);
        byte b;
        do {
            b = (byte) (0x20 + random.nextInt(0x5f));
        } while (b == line[pos]);
        line[pos] = b;
        files.get(m.file()).set(m.index(), line);
        return trial("flip byte " + pos + " of " + at(m.file(), m.index()), files,
                EnumSet.of(FindingKind.MODIFIED, FindingKind.NOT_JSON, FindingKind.BAD_SIGNATURE), at(m.file(), m.index()));
    }

    private static Trial editField(Random random) {
        Meta m;
        do {
            m = anyLine(random);
        } while (m.checkpoint());
        List<List<byte[]>> files = copy();
        String line = new String(files.get(m.file()).get(m.index()), StandardCharsets.UTF_8);
        String edited = random.nextBoolean() ? line.replaceFirst("\"status_code\":20\\d", "\"status_code\":404")
                : line.replaceFirst("\"path\":\"/items/", "\"path\":\"/admin/");
        assertThat(edited).isNotEqualTo(line);
        files.get(m.file()).set(m.index(), edited.getBytes(StandardCharsets.UTF_8));
        return trial("edit a field of " + at(m.file(), m.index()), files, EnumSet.of(FindingKind.MODIFIED),
                at(m.file(), m.index()));
    }

    private static Trial deleteLine(Random random) {
        int k = random.nextInt(written.size());
        Meta m = written.get(k);
        List<List<byte[]>> files = copy();
        files.get(m.file()).remove(m.index());
        String what = "delete " + at(m.file(), m.index());
        if (m.lastOfChain()) {
            return endOfChainCut(what, files, k - 1, m.file(), m.index());
        }
        if (m.index() == log.get(m.file()).size() - 1) { // a rotation checkpoint: the file lost its end
            return trial(what, files, EnumSet.of(FindingKind.TRUNCATED), at(m.file(), m.index()));
        }
        return trial(what, files, EnumSet.of(FindingKind.DELETED), at(m.file(), m.index()));
    }

    /**
     * The chain now ends at written line {@code last}: unsealed lines after its last checkpoint,
     * or, right after a checkpoint, a truncation one past the file's new last line.
     */
    private static Trial endOfChainCut(String what, List<List<byte[]>> files, int last, int file, int nextIndex) {
        Meta end = written.get(last);
        if (end.checkpoint()) {
            return trial(what, files, EnumSet.of(FindingKind.TRUNCATED), at(file, nextIndex));
        }
        int k = last;
        while (!written.get(k - 1).checkpoint()) {
            k--;
        }
        Meta firstUnsealed = written.get(k);
        return trial(what, files, EnumSet.of(FindingKind.UNSEALED_TAIL), at(firstUnsealed.file(), firstUnsealed.index()));
    }

    private static Trial deleteRange(Random random) {
        while (true) {
            Meta m = anyLine(random);
            int size = log.get(m.file()).size();
            int count = 2 + random.nextInt(49);
            int from = m.index();
            int to = from + count; // exclusive; the file keeps its last line
            if (to >= size) {
                continue;
            }
            boolean endsAChain = false;
            for (int i = from; i < to; i++) {
                endsAChain |= metaAt(m.file(), i).lastOfChain();
            }
            if (endsAChain) {
                continue;
            }
            List<List<byte[]>> files = copy();
            files.get(m.file()).subList(from, to).clear();
            return trial("delete " + count + " lines from " + at(m.file(), from), files, EnumSet.of(FindingKind.DELETED),
                    at(m.file(), from));
        }
    }

    private static Meta metaAt(int file, int index) {
        return byPlace.get(file).get(index);
    }

    private static Trial insertCopy(Random random) {
        while (true) {
            int k = random.nextInt(written.size());
            Meta original = written.get(k);
            int file = random.nextInt(log.size());
            int pos = random.nextInt(log.get(file).size() + 1);
            // next to its original it would be indistinguishable from it
            boolean besideInFile = file == original.file() && (pos == original.index() || pos == original.index() + 1);
            boolean besideAcross = k > 0 && pos == 0 && written.get(k - 1).file() == file - 1 && original.index() == 0
                    || pos == log.get(file).size() && original.index() == 0 && original.file() == file + 1;
            if (besideInFile || besideAcross) {
                continue;
            }
            List<List<byte[]>> files = copy();
            files.get(file).add(pos, log.get(original.file()).get(original.index()));
            return trial("copy " + at(original.file(), original.index()) + " to " + at(file, pos), files,
                    EnumSet.of(FindingKind.INSERTED), at(file, pos));
        }
    }

    private static Trial insertForged(Random random) {
        Meta template;
        do {
            template = anyLine(random);
        } while (template.checkpoint());
        int file = random.nextInt(log.size());
        int pos = 1 + random.nextInt(log.get(file).size()); // after a line of the file
        Meta before = metaAt(file, pos - 1);
        String text = new String(log.get(template.file()).get(template.index()), StandardCharsets.UTF_8);
        String body = text.substring(0, text.length() - ChainFormat.SUFFIX_LENGTH) + "}";
        body = body.replaceFirst("\"status_code\":20\\d", "\"status_code\":418")
                .replaceFirst(CHAIN.pattern(), "\"http_audit.chain\":{\"id\":\"" + before.chain() + "\",\"seq\":"
                        + (before.seq() + 1) + "}");
        byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
        byte[] hash;
        boolean computed = random.nextBoolean();
        if (computed) { // the forger knows the format: the hash links to the line before
            byte[] previous = ChainFormat.storedHash(log.get(file).get(pos - 1), 0, log.get(file).get(pos - 1).length);
            hash = ChainFormat.link(ChainFormat.sha256(), previous, ChainFormat.sha256().digest(bodyBytes));
        } else {
            hash = new byte[32];
            random.nextBytes(hash);
        }
        List<List<byte[]>> files = copy();
        files.get(file).add(pos, withHash(bodyBytes, hash));
        return trial("forge a line " + (computed ? "with a linked hash " : "") + "at " + at(file, pos), files,
                EnumSet.of(FindingKind.INSERTED), at(file, pos));
    }

    private static Trial swap(Random random) {
        while (true) {
            Meta a = anyLine(random);
            Meta b = anyLine(random);
            boolean sameOrNext = a.file() == b.file() && Math.abs(a.index() - b.index()) < 1;
            boolean bothLastOfFile = a.index() == log.get(a.file()).size() - 1 && b.index() == log.get(b.file()).size() - 1;
            if (sameOrNext || bothLastOfFile) {
                continue;
            }
            List<List<byte[]>> files = copy();
            files.get(a.file()).set(a.index(), log.get(b.file()).get(b.index()));
            files.get(b.file()).set(b.index(), log.get(a.file()).get(a.index()));
            return trial("swap " + at(a.file(), a.index()) + " and " + at(b.file(), b.index()), files,
                    EnumSet.of(FindingKind.REORDERED), at(a.file(), a.index()), at(b.file(), b.index()));
        }
    }

    /** Cuts a file after a line, past any chain start in it (a cut before one loses a whole chain's start). */
    private static int cutPoint(Random random, int file) {
        int size = log.get(file).size();
        int lastStart = 0;
        for (int i = 0; i < size; i++) {
            if (metaAt(file, i).seq() == 0) {
                lastStart = i + 1;
            }
        }
        return Math.max(lastStart, 1) + random.nextInt(size - Math.max(lastStart, 1));
    }

    private static Trial truncate(Random random) {
        int file = random.nextInt(log.size());
        int keep = cutPoint(random, file);
        List<List<byte[]>> files = copy();
        files.get(file).subList(keep, files.get(file).size()).clear();
        String what = "truncate " + names.get(file) + " to " + keep + " lines";
        if (file == log.size() - 1) {
            return endOfChainCut(what, files, writtenIndex(metaAt(file, keep - 1)), file, keep);
        }
        return trial(what, files, EnumSet.of(FindingKind.TRUNCATED), at(file, keep));
    }

    private static int writtenIndex(Meta m) {
        int k = 0;
        for (int f = 0; f < m.file(); f++) {
            k += log.get(f).size();
        }
        return k + m.index();
    }

    private static Trial tear(Random random) {
        int file = random.nextInt(log.size());
        int keep = cutPoint(random, file);
        List<List<byte[]>> files = copy();
        byte[] torn = files.get(file).get(keep);
        files.get(file).subList(keep, files.get(file).size()).clear();
        files.get(file).add(Arrays.copyOf(torn, 1 + random.nextInt(torn.length - 2)));
        return new Trial("tear " + names.get(file) + " in line " + (keep + 1), names, files,
                EnumSet.of(FindingKind.TORN_LINE), List.of(at(file, keep)), file);
    }

    private static Trial dropFile(Random random) {
        int file = random.nextInt(log.size() - 1); // a rotated file, not the live one
        List<List<byte[]>> files = copy();
        files.remove(file);
        List<String> kept = new ArrayList<>(names);
        kept.remove(file);
        return new Trial("drop " + names.get(file), kept, files, EnumSet.of(FindingKind.DELETED),
                List.of(new Location(names.get(file + 1), 1)), -1);
    }

    /**
     * Changes an event and re-computes the later hashes of its chain up to the next checkpoint
     * (anyone can: the hash has no key). Re-signing that checkpoint with another key is found as
     * a bad signature there; keeping its signature, as a checkpoint whose signed hash is not the
     * chain's. (Only up to that checkpoint, so that a trial stays cheap: the finding is the same.)
     */
    private static Trial rewrite(Random random, boolean resign) {
        int k;
        do {
            k = random.nextInt(written.size());
        } while (written.get(k).checkpoint());
        List<List<byte[]>> files = copy();
        Meta changed = written.get(k);
        String line = new String(log.get(changed.file()).get(changed.index()), StandardCharsets.UTF_8);
        files.get(changed.file()).set(changed.index(),
                line.replaceFirst("\"status_code\":20\\d", "\"status_code\":299").getBytes(StandardCharsets.UTF_8));
        MessageDigest sha = ChainFormat.sha256();
        byte[] previous = k == 0 || written.get(k).seq() == 0 ? ChainFormat.GENESIS
                : stored(log.get(written.get(k - 1).file()).get(written.get(k - 1).index()));
        Meta firstCheckpoint = null;
        // up to and including the first checkpoint after the change: the finding is there
        for (int i = k; firstCheckpoint == null && i < written.size() && written.get(i).chain().equals(changed.chain()); i++) {
            Meta m = written.get(i);
            byte[] current = files.get(m.file()).get(m.index());
            String body = new String(current, 0, current.length - ChainFormat.SUFFIX_LENGTH, StandardCharsets.UTF_8) + "}";
            if (m.checkpoint()) {
                firstCheckpoint = m;
                if (resign) {
                    body = resigned(body, m.chain(), previous);
                }
            }
            byte[] bodyBytes = body.getBytes(StandardCharsets.UTF_8);
            previous = ChainFormat.link(sha, previous, sha.digest(bodyBytes));
            files.get(m.file()).set(m.index(), withHash(bodyBytes, previous));
        }
        return trial((resign ? "rewrite and re-sign with another key from " : "rewrite and re-hash from ")
                + at(changed.file(), changed.index()), files,
                EnumSet.of(resign ? FindingKind.BAD_SIGNATURE : FindingKind.MODIFIED),
                at(firstCheckpoint.file(), firstCheckpoint.index()));
    }

    private static String resigned(String body, String chain, byte[] coveredHash) {
        Matcher cp = CHECKPOINT.matcher(body);
        Matcher ts = TIMESTAMP.matcher(body);
        assertThat(cp.find() && ts.find()).isTrue();
        String hash = ChainFormat.hex(coveredHash);
        byte[] message = ChainFormat.checkpointMessage(chain, Long.parseLong(cp.group(2)), hash, cp.group(1), ts.group(1));
        String signature;
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(OTHER_KEYS.getPrivate());
            signer.update(message);
            signature = java.util.Base64.getEncoder().encodeToString(signer.sign());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
        return body.substring(0, cp.start()) + "\"http_audit.checkpoint\":{\"reason\":\"" + cp.group(1) + "\",\"seq\":"
                + cp.group(2) + ",\"hash\":\"" + hash + "\",\"signature\":\"" + signature + "\"}" + body.substring(cp.end());
    }

    private static byte[] stored(byte[] line) {
        return ChainFormat.storedHash(line, 0, line.length);
    }

    private static byte[] withHash(byte[] body, byte[] hash) {
        byte[] suffix = ChainFormat.hashSuffix(hash);
        byte[] line = Arrays.copyOf(body, body.length - 1 + suffix.length);
        System.arraycopy(suffix, 0, line, body.length - 1, suffix.length);
        return line;
    }
}
