/**
 * Spring Boot auto-configuration of http-audit: API. {@link dev.httpaudit.spring.HttpAuditAutoConfiguration},
 * its {@link dev.httpaudit.spring.HttpAuditProperties} ({@code http-audit.*}) and
 * {@link dev.httpaudit.spring.HttpAuditSinks}. Everything else here is package-private.
 */
@NullMarked
package dev.httpaudit.spring;

import org.jspecify.annotations.NullMarked;
