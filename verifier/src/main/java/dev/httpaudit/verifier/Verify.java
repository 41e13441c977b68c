package dev.httpaudit.verifier;

import dev.httpaudit.core.integrity.Ed25519Pem;
import dev.httpaudit.core.integrity.internal.ChainVerifier;
import dev.httpaudit.core.integrity.internal.Finding;
import dev.httpaudit.core.integrity.internal.LogSource;
import dev.httpaudit.core.integrity.internal.VerificationReport;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code java -jar http-audit-verify.jar keygen DIR} and
 * {@code java -jar http-audit-verify.jar verify --public-key PUB [--json] FILE...}. Exit status: 0
 * when everything verifies (or the keys were written), 1 when anything does not, 2 on a usage
 * error (or a file that cannot be read).
 */
public final class Verify {

    static final int OK = 0;
    static final int FINDINGS = 1;
    static final int USAGE = 2;

    private static final String USAGE_TEXT = """
            usage: java -jar http-audit-verify.jar keygen DIR
                     writes DIR/http-audit.key (Ed25519 private key, PKCS#8 PEM, mode 600) and
                     DIR/http-audit.pub (its public key, X.509 PEM)
                   java -jar http-audit-verify.jar verify --public-key PUB [--json] FILE...
                     verifies the chained JSON lines FILEs (rotated files and several instances
                     together, in any order): one finding per line, FILE:LINE: KIND: detail
                     (--json: one JSON object per finding), then a summary line
            exit status: 0 verified, 1 findings, 2 usage error""";

    private Verify() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command; returns the exit status. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0) {
            return usage(err, "no command");
        }
        return switch (args[0]) {
            case "keygen" -> keygen(args, out, err);
            case "verify" -> verify(args, out, err);
            case "--help", "-h", "help" -> {
                out.println(USAGE_TEXT);
                yield OK;
            }
            default -> usage(err, "unknown command " + args[0]);
        };
    }

    private static int keygen(String[] args, PrintStream out, PrintStream err) {
        if (args.length != 2) {
            return usage(err, "keygen takes one folder");
        }
        Path dir = Path.of(args[1]);
        Path key = dir.resolve("http-audit.key");
        Path pub = dir.resolve("http-audit.pub");
        try {
            Files.createDirectories(dir);
            if (Files.exists(key) || Files.exists(pub)) {
                err.println("http-audit-verify: " + key + " or " + pub + " exists already; not overwritten");
                return USAGE;
            }
            KeyPair pair = Ed25519Pem.generate();
            writePrivate(key, Ed25519Pem.privateKeyPem(pair.getPrivate()));
            Files.writeString(pub, Ed25519Pem.publicKeyPem(pair.getPublic()), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            err.println("http-audit-verify: cannot write the keys in " + dir + ": " + e);
            return USAGE;
        }
        out.println("wrote " + key + " (private: keep it on the server, mode 600) and " + pub + " (public: for verify)");
        return OK;
    }

    /** Creates the key file readable by its owner only before anything is written to it. */
    private static void writePrivate(Path key, String pem) throws IOException {
        try {
            Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(key); // not a POSIX file system (Windows): its ACLs decide
        } catch (FileAlreadyExistsException e) {
            throw e;
        }
        Files.writeString(key, pem, StandardCharsets.US_ASCII);
    }

    private static int verify(String[] args, PrintStream out, PrintStream err) {
        Path publicKeyFile = null;
        boolean json = false;
        List<Path> files = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            switch (args[i]) {
                case "--public-key" -> {
                    if (i + 1 == args.length) {
                        return usage(err, "--public-key needs a file");
                    }
                    publicKeyFile = Path.of(args[++i]);
                }
                case "--json" -> json = true;
                default -> {
                    if (args[i].startsWith("--")) {
                        return usage(err, "unknown option " + args[i]);
                    }
                    files.add(Path.of(args[i]));
                }
            }
        }
        if (publicKeyFile == null) {
            return usage(err, "verify needs --public-key PUB");
        }
        if (files.isEmpty()) {
            return usage(err, "verify needs at least one FILE");
        }
        PublicKey publicKey;
        try {
            publicKey = Ed25519Pem.readPublicKey(publicKeyFile);
        } catch (IllegalArgumentException e) {
            return usage(err, e.getMessage());
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
                return usage(err, file + " is not a readable file");
            }
        }
        VerificationReport report;
        try {
            report = ChainVerifier.withPublicKey(publicKey).verify(files.stream().map(LogSource::of).toList());
        } catch (IOException e) {
            err.println("http-audit-verify: cannot read: " + e);
            return USAGE;
        }
        for (Finding finding : report.findings()) {
            out.println(json ? finding.toJson() : finding.toText());
        }
        if (json) {
            out.println("{\"summary\":{\"verified\":" + report.verified() + ",\"lines\":" + report.lines() + ",\"chains\":"
                    + report.chains() + ",\"checkpoints\":" + report.checkpoints() + ",\"findings\":"
                    + report.findings().size() + "}}");
        } else {
            out.println(report.summary());
        }
        return report.verified() ? OK : FINDINGS;
    }

    private static int usage(PrintStream err, String problem) {
        err.println("http-audit-verify: " + problem);
        err.println(USAGE_TEXT);
        return USAGE;
    }
}
