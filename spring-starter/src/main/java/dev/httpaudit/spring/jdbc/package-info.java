/**
 * Spring Boot auto-configuration of the JDBC sink ({@code http-audit.jdbc.*}): audit events
 * written to a database table besides the other sinks. Public API: the properties class and the
 * auto-configuration, which applications may exclude or order against.
 */
@NullMarked
package dev.httpaudit.spring.jdbc;

import org.jspecify.annotations.NullMarked;
