package dev.httpaudit.core;

import org.jspecify.annotations.Nullable;

/**
 * The client's address ({@code client.ip}, {@code client.port}).
 *
 * @param ip   the client's IP address, never a host name
 * @param port the client's port, or {@code null} when it is not the direct peer's
 */
public record ClientInfo(String ip, @Nullable Integer port) {
}
