package dev.httpaudit.spring;

import dev.httpaudit.core.UserInfo;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * Captures the authenticated user while Spring Security's context is live. The audit filter
 * runs outside the security chain, and the security context is cleared before the outer
 * filter sees the exchange end; this filter is registered right after Spring Security's, so
 * it runs inside that context, and leaves the user in a request attribute for the audit
 * filter to read at the end of the exchange.
 *
 * <p>When the security chain answers by itself (a 403 from an authorization rule), this
 * filter does not run; {@link #userOf} then falls back to the context Spring Security saved
 * in the request ({@link RequestAttributeSecurityContextRepository}) or in the session.
 */
final class SecurityIdentityCaptureFilter implements Filter {

    /** The request attribute holding the captured {@link UserInfo}. */
    static final String USER_ATTRIBUTE = SecurityIdentityCaptureFilter.class.getName() + ".USER";

    private static final String FACTOR_AUTHORITY_CLASS = "org.springframework.security.core.authority.FactorGrantedAuthority";

    private static final AuthenticationTrustResolver TRUST = new AuthenticationTrustResolverImpl();

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        capture(request);
        try {
            chain.doFilter(request, response);
        } finally {
            // Authentication may also be set by the application during the request.
            capture(request);
        }
    }

    private static void capture(ServletRequest request) {
        UserInfo user = toUser(SecurityContextHolder.getContext().getAuthentication());
        if (user != null) {
            request.setAttribute(USER_ATTRIBUTE, user);
        }
    }

    /**
     * The user of an exchange: captured inside the chain, else the context Spring Security
     * saved in the request or session; {@code null} for anonymous requests.
     */
    static @Nullable UserInfo userOf(jakarta.servlet.http.HttpServletRequest request) {
        if (request.getAttribute(USER_ATTRIBUTE) instanceof UserInfo captured) {
            return captured;
        }
        Object saved = request.getAttribute(RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME);
        if (saved instanceof SecurityContext context) {
            UserInfo user = toUser(context.getAuthentication());
            if (user != null) {
                return user;
            }
        }
        var session = request.getSession(false);
        if (session != null) {
            try {
                Object inSession = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
                if (inSession instanceof SecurityContext context) {
                    return toUser(context.getAuthentication());
                }
            } catch (IllegalStateException invalidated) {
                return null; // the session was invalidated during the request (logout)
            }
        }
        return null;
    }

    /** The user of an authentication; {@code null} when there is none or it is anonymous. */
    static @Nullable UserInfo toUser(@Nullable Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated() || TRUST.isAnonymous(authentication)) {
            return null;
        }
        String name = authentication.getName();
        if (name == null || name.isEmpty()) {
            return null;
        }
        List<String> roles = new ArrayList<>();
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            // Spring Security 7 adds authentication factors (FACTOR_PASSWORD, ...) as
            // authorities: they say how the user logged in, not what role they have.
            if (authority != null && authority.getAuthority() != null
                    && !authority.getClass().getName().equals(FACTOR_AUTHORITY_CLASS)) {
                roles.add(authority.getAuthority());
            }
        }
        return new UserInfo(name, roles);
    }
}
