/**
 * Audits the HTTP calls an application makes, one event per call, through the same
 * {@link dev.httpaudit.core.pipeline.AuditPipeline} as the requests it serves:
 * {@link dev.httpaudit.client.AuditedHttpClient} decorates the JDK's
 * {@code java.net.http.HttpClient}, {@link dev.httpaudit.client.AuditingClientHttpRequestInterceptor}
 * intercepts Spring's {@code RestClient} and {@code RestTemplate}, and both record through
 * an {@link dev.httpaudit.client.OutgoingCallAuditor}.
 */
@org.jspecify.annotations.NullMarked
package dev.httpaudit.client;
