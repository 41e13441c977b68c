/**
 * The JDBC sink: audit events written to a database table (PostgreSQL {@code jsonb}, H2) in
 * batches behind a bounded queue, the table's DDL, and the retention purge. Public API.
 */
@NullMarked
package dev.httpaudit.jdbc;

import org.jspecify.annotations.NullMarked;
