package dev.httpaudit.servlet;

import dev.httpaudit.core.UserInfo;
import jakarta.servlet.http.HttpServletRequest;
import java.security.Principal;
import org.jspecify.annotations.Nullable;

/**
 * Says who made a request ({@code user.*}). Called once, at the end of the exchange, so
 * that a login performed during the request is seen. An exception or {@code null} means
 * anonymous; it never affects the response.
 */
@FunctionalInterface
public interface UserResolver {

    /** The user of {@code request}, or {@code null} when anonymous. */
    @Nullable UserInfo resolve(HttpServletRequest request);

    /**
     * The default: the container's {@link HttpServletRequest#getUserPrincipal() principal}
     * (roles are not listed: the Servlet API can only test a role, not enumerate them).
     */
    static UserResolver principal() {
        return request -> {
            Principal principal = request.getUserPrincipal();
            return principal == null || principal.getName() == null ? null : UserInfo.named(principal.getName());
        };
    }
}
