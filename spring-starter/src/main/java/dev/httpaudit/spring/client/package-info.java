/** Auto-configuration of outgoing-call auditing: {@code http-audit.client.*}. */
@org.jspecify.annotations.NullMarked
package dev.httpaudit.spring.client;
