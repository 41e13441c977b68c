package dev.httpaudit.servlet;

/** When body contents are recorded (sizes are always recorded). */
public enum BodyCaptureMode {
    /** Record the contents of every audited exchange. */
    ALWAYS,
    /** Record contents only when the response status is 400 or above. */
    ERRORS,
    /** Never record contents, only sizes and MIME types. */
    NEVER
}
