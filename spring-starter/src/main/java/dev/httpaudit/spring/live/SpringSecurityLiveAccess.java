package dev.httpaudit.spring.live;

import org.springframework.security.authentication.AuthenticationTrustResolver;
import org.springframework.security.authentication.AuthenticationTrustResolverImpl;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * With Spring Security: an authenticated (not anonymous) user holding {@code ROLE_<role>}, unless
 * anonymous access is configured. It reads the security context the application's filter chain
 * set up, so the user logs in however the application lets them (form, basic, token).
 */
final class SpringSecurityLiveAccess implements LiveAccess {

    private final AuthenticationTrustResolver trust = new AuthenticationTrustResolverImpl();
    private final String authority;
    private final boolean allowAnonymous;

    SpringSecurityLiveAccess(String role, boolean allowAnonymous) {
        this.authority = "ROLE_" + role;
        this.allowAnonymous = allowAnonymous;
    }

    @Override
    public Decision decide() {
        if (allowAnonymous) {
            return Decision.ALLOWED;
        }
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !trust.isAuthenticated(authentication)) {
            return Decision.UNAUTHENTICATED;
        }
        for (GrantedAuthority granted : authentication.getAuthorities()) {
            if (authority.equals(granted.getAuthority())) {
                return Decision.ALLOWED;
            }
        }
        return Decision.FORBIDDEN;
    }
}
