/**
 * The Jakarta Servlet filter that audits every exchange: API. {@link dev.httpaudit.servlet.AuditFilter}
 * with its {@link dev.httpaudit.servlet.AuditFilterConfig}, and the resolvers an application may
 * replace (user, trace, route, correlation ID). Everything else here is package-private.
 */
@NullMarked
package dev.httpaudit.servlet;

import org.jspecify.annotations.NullMarked;
