package dev.httpaudit.spring.live;

/**
 * Who may see the live view: asked by the page and by the endpoint on the request's thread,
 * so it holds wherever they are mapped, whatever the application's own security rules say.
 */
@FunctionalInterface
interface LiveAccess {

    /** Everyone: without Spring Security, the page and the endpoint are as open as the application. */
    LiveAccess OPEN = () -> Decision.ALLOWED;

    /** Whether the current request may see the view. */
    Decision decide();

    /** The answer, with the status a refused request gets. */
    enum Decision {
        ALLOWED(200, "allowed"),
        UNAUTHENTICATED(401, "authentication required"),
        FORBIDDEN(403, "the live view needs the role of http-audit.live.role");

        private final int status;
        private final String reason;

        Decision(int status, String reason) {
            this.status = status;
            this.reason = reason;
        }

        int status() {
            return status;
        }

        /** The refusal's body: {@code {"error": reason}}. */
        java.util.Map<String, Object> body() {
            return java.util.Map.of("error", reason);
        }
    }
}
