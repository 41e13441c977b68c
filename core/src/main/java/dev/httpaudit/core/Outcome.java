package dev.httpaudit.core;

/** ECS {@code event.outcome} of an exchange. */
public enum Outcome {
    /** The exchange completed with a status below 500 and no exception. */
    SUCCESS("success"),
    /** Status 500 or above, an exception, or a client that went away. */
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
        return statusCode >= 500 || error || clientAborted ? FAILURE : SUCCESS;
    }
}
