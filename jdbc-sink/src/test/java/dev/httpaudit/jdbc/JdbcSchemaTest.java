package dev.httpaudit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class JdbcSchemaTest {

    @Test
    void theShippedDdlIsForTheDefaultTableAndEveryStatementCanRunAgain() {
        for (JdbcDialect dialect : JdbcDialect.values()) {
            List<String> statements = JdbcSchema.statements(dialect, JdbcSchema.DEFAULT_TABLE);
            assertThat(statements).hasSize(10).allSatisfy(sql -> assertThat(sql).contains("IF NOT EXISTS"));
            assertThat(statements.get(0)).startsWith("CREATE TABLE IF NOT EXISTS http_audit_event (");
        }
    }

    @Test
    void aSchemaQualifiedTableKeepsItsIndexNamesUnqualified() {
        List<String> statements = JdbcSchema.statements(JdbcDialect.POSTGRESQL, "audit.trail");
        assertThat(statements.get(0)).startsWith("CREATE TABLE IF NOT EXISTS audit.trail (")
                .contains("CONSTRAINT trail_pk PRIMARY KEY (event_id)");
        assertThat(statements.get(1)).isEqualTo("CREATE INDEX IF NOT EXISTS trail_time_idx ON audit.trail (event_time)");
        assertThat(String.join("\n", statements)).doesNotContain("http_audit_event");
    }

    @Test
    void namesThatAreNotPlainSqlNamesAreRefused() {
        for (String bad : List.of("", "1table", "a-b", "a.b.c", "t; DROP TABLE users", "\"quoted\"", "a .b")) {
            assertThatThrownBy(() -> JdbcSchema.checkTableName(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThat(JdbcSchema.checkTableName("Audit_2026")).isEqualTo("Audit_2026");
    }
}
