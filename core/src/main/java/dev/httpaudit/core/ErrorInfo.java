package dev.httpaudit.core;

import org.jspecify.annotations.Nullable;

/**
 * The error an exchange ended with ({@code error.type}, {@code error.message}).
 *
 * @param type    the exception's class name
 * @param message the exception's message, or {@code null}
 */
public record ErrorInfo(String type, @Nullable String message) {

    /** The error of a throwable's root cause (a wrapper's cause chain is followed). */
    public static ErrorInfo of(Throwable throwable) {
        Throwable root = throwable;
        for (int depth = 0; root.getCause() != null && root.getCause() != root && depth < 32; depth++) {
            root = root.getCause();
        }
        return new ErrorInfo(root.getClass().getName(), root.getMessage());
    }

    /** This error with another message. */
    public ErrorInfo withMessage(String newMessage) {
        return new ErrorInfo(type, newMessage);
    }
}
