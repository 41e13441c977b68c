package dev.httpaudit.core.integrity.internal;

import java.util.List;

/** What the verifier found, in file and line order, and what it checked. */
public record VerificationReport(List<Finding> findings, long lines, int chains, int checkpoints) {

    public VerificationReport {
        findings = List.copyOf(findings);
    }

    /** Whether everything verified. */
    public boolean verified() {
        return findings.isEmpty();
    }

    /** One line: lines, chains, checkpoints verified, findings. */
    public String summary() {
        return (verified() ? "verified: " : "NOT verified: ") + lines + " lines, " + chains + " chains, " + checkpoints
                + " checkpoints verified, " + findings.size() + " findings";
    }
}
