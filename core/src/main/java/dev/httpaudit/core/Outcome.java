package dev.httpaudit.core;

/**
 * ECS {@code event.outcome} of an exchange, by the rule of Elastic's own HTTP integrations
 * (Apache, Nginx, IIS): a 4xx answer is a failure too, since to an auditor a 401 after a wrong
 * password or a 403 is an attempt that did not succeed.
 */
public enum Outcome {
    /** The exchange completed with a status below 400 (or none) and no exception. */
    SUCCESS("success"),
    /** Status 400 or above, an exception, or a client that went away. */
    FAILURE("failure");

    private final String ecsValue;

    Outcome(String ecsValue) {
        this.ecsValue = ecsValue;
    }

    /** The value written to {@code event.outcome}. */
    public String ecsValue() {
        return ecsValue;
    }

    /** The outcome the design rules give for a status, an error and an abort flag. */
    public static Outcome of(int statusCode, boolean error, boolean clientAborted) {
        return statusCode >= 400 || error || clientAborted ? FAILURE : SUCCESS;
    }
}
