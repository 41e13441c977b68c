package dev.httpaudit.jdbc;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.json.EventJsonWriter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One event as a row: the columns people filter on, and the whole event as the JSON the JSON
 * lines sink writes. Column values are cut to the column's length (the JSON keeps them whole).
 */
final class EventRow {

    /** The table's columns, in insert order; {@code event} (the JSON) last. */
    static final List<String> COLUMNS = List.of("event_id", "event_time", "event_sequence", "correlation_id",
            "method", "path", "route", "status_code", "outcome", "duration_ns", "user_name", "client_ip",
            "service_name", "event");

    private EventRow() {
    }

    /** Binds {@code event} to the parameters of {@link JdbcDialect#insertSql(String)}. */
    static void bind(PreparedStatement statement, AuditEvent event, JdbcDialect dialect) throws SQLException {
        statement.setString(1, column(event.id(), 128));
        statement.setObject(2, OffsetDateTime.ofInstant(event.end(), ZoneOffset.UTC));
        statement.setLong(3, event.sequence());
        setText(statement, 4, event.request().id(), 256);
        setText(statement, 5, event.request().method(), 32);
        setText(statement, 6, event.url().path(), 512);
        setText(statement, 7, event.route(), 512);
        statement.setInt(8, event.response().statusCode());
        statement.setString(9, event.outcome().ecsValue());
        statement.setLong(10, event.durationNanos());
        setText(statement, 11, event.user() == null ? null : event.user().name(), 256);
        setText(statement, 12, event.client() == null ? null : event.client().ip(), 64);
        setText(statement, 13, event.serviceName(), 256);
        String json = EventJsonWriter.instance().toJson(event);
        statement.setString(14, dialect == JdbcDialect.POSTGRESQL ? PostgresText.json(json) : json);
    }

    private static void setText(PreparedStatement statement, int index, @Nullable String value, int maxChars)
            throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.VARCHAR);
        } else {
            statement.setString(index, column(value, maxChars));
        }
    }

    /**
     * {@code value} fit for a text column of {@code maxChars}: NUL (which PostgreSQL text cannot
     * hold) and unpaired surrogates (which have no UTF-8 form) become U+FFFD, and the text is
     * cut to the column's length without splitting a surrogate pair.
     */
    static String column(String value, int maxChars) {
        int length = Math.min(value.length(), maxChars);
        if (length < value.length() && length > 0 && Character.isHighSurrogate(value.charAt(length - 1))) {
            length--;
        }
        StringBuilder cleaned = null;
        for (int i = 0; i < length; i++) {
            char c = value.charAt(i);
            boolean bad;
            if (c == 0) {
                bad = true;
            } else if (Character.isHighSurrogate(c)) {
                bad = i + 1 >= length || !Character.isLowSurrogate(value.charAt(i + 1));
                if (!bad) {
                    if (cleaned != null) {
                        cleaned.append(c).append(value.charAt(i + 1));
                    }
                    i++;
                    continue;
                }
            } else {
                bad = Character.isLowSurrogate(c);
            }
            if (bad && cleaned == null) {
                cleaned = new StringBuilder(length).append(value, 0, i);
            }
            if (cleaned != null) {
                cleaned.append(bad ? '\uFFFD' : c);
            }
        }
        return cleaned != null ? cleaned.toString() : length == value.length() ? value : value.substring(0, length);
    }
}
