package dev.httpaudit.bench;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * What Spring users write beside {@code CommonsRequestLoggingFilter} to log responses too:
 * a {@link ContentCachingResponseWrapper} around the chain, one DEBUG line with status,
 * headers and (up to {@code maxPayloadLength} bytes of) the body, then
 * {@code copyBodyToResponse()}.
 */
public final class ResponseLoggingFilter implements Filter {

    private static final Logger LOG = LoggerFactory.getLogger(LogSetup.SPRING_RESPONSE);

    private final int maxPayloadLength;

    public ResponseLoggingFilter(int maxPayloadLength) {
        this.maxPayloadLength = maxPayloadLength;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!LOG.isDebugEnabled() || !(response instanceof HttpServletResponse httpResponse)) {
            chain.doFilter(request, response);
            return;
        }
        ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(httpResponse);
        try {
            chain.doFilter(request, wrapper);
        } finally {
            byte[] body = wrapper.getContentAsByteArray();
            String encoding = wrapper.getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            String payload = new String(body, 0, Math.min(body.length, maxPayloadLength), charset);
            StringBuilder headers = new StringBuilder(64);
            for (String name : wrapper.getHeaderNames()) {
                headers.append(headers.isEmpty() ? "" : ", ").append(name).append(':').append(wrapper.getHeaders(name));
            }
            LOG.debug("After response [status={}, headers=[{}], payload={}]", wrapper.getStatus(), headers, payload);
            wrapper.copyBodyToResponse();
        }
    }
}
