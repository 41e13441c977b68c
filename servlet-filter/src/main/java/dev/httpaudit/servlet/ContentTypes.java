package dev.httpaudit.servlet;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Media-type helpers: the bare MIME type, its charset, and whether it is captured as text. */
final class ContentTypes {

    static final String FORM = "application/x-www-form-urlencoded";

    private final List<String> textual;

    /**
     * @param textual entries such as {@code application/json} (exact), {@code text/*} (any
     *                subtype) or {@code +json} (structured-syntax suffix)
     */
    ContentTypes(List<String> textual) {
        this.textual = textual.stream().map(t -> t.trim().toLowerCase(Locale.ROOT)).toList();
    }

    /** The media type without parameters, lower-cased, or {@code null}. */
    static @Nullable String mimeType(@Nullable String contentType) {
        if (contentType == null) {
            return null;
        }
        int semicolon = contentType.indexOf(';');
        String mime = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).trim().toLowerCase(Locale.ROOT);
        return mime.isEmpty() ? null : mime;
    }

    /** The {@code charset} parameter of {@code contentType}, or {@code fallback} (which may be {@code null}). */
    static @Nullable Charset charset(@Nullable String contentType, @Nullable Charset fallback) {
        if (contentType == null) {
            return fallback;
        }
        for (String parameter : contentType.split(";")) {
            int eq = parameter.indexOf('=');
            if (eq > 0 && parameter.substring(0, eq).trim().equalsIgnoreCase("charset")) {
                String name = parameter.substring(eq + 1).trim();
                if (name.length() >= 2 && name.startsWith("\"") && name.endsWith("\"")) {
                    name = name.substring(1, name.length() - 1);
                }
                return forName(name, fallback);
            }
        }
        return fallback;
    }

    /** The charset called {@code name}, or {@code fallback} when unknown or illegal. */
    static Charset forName(@Nullable String name, Charset fallback) {
        if (name == null) {
            return fallback;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return fallback;
        }
    }

    /** Charset of a body captured as bytes: declared, else UTF-8. */
    static Charset charsetOrUtf8(@Nullable String contentType) {
        return charset(contentType, StandardCharsets.UTF_8);
    }

    /** True when a body of this MIME type is captured as text. */
    boolean isTextual(@Nullable String mimeType) {
        if (mimeType == null) {
            return false;
        }
        for (String entry : textual) {
            if (entry.startsWith("+") ? mimeType.endsWith(entry)
                    : entry.endsWith("/*") ? mimeType.startsWith(entry.substring(0, entry.length() - 1))
                    : mimeType.equals(entry)) {
                return true;
            }
        }
        return false;
    }

    static boolean isMultipart(@Nullable String mimeType) {
        return mimeType != null && mimeType.startsWith("multipart/");
    }
}
