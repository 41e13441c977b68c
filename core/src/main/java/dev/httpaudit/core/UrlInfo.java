package dev.httpaudit.core;

import org.jspecify.annotations.Nullable;

/**
 * The request URL ({@code url.*}).
 *
 * @param path   the path within the server, as requested (percent-encoding kept)
 * @param query  the query string without {@code ?}, or {@code null}
 * @param scheme {@code http} or {@code https}
 * @param domain the host name the client addressed
 * @param port   the port, or {@code null} when unknown
 */
public record UrlInfo(String path, @Nullable String query, String scheme, String domain, @Nullable Integer port) {

    /** This URL with another query string. */
    public UrlInfo withQuery(String newQuery) {
        return new UrlInfo(path, newQuery, scheme, domain, port);
    }
}
