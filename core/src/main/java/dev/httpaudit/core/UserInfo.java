package dev.httpaudit.core;

import java.util.List;

/**
 * The authenticated user ({@code user.name}, {@code user.roles}).
 *
 * @param name  the principal's name
 * @param roles role or authority names, possibly empty
 */
public record UserInfo(String name, List<String> roles) {

    public UserInfo {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /** A user with a name and no roles. */
    public static UserInfo named(String name) {
        return new UserInfo(name, List.of());
    }
}
