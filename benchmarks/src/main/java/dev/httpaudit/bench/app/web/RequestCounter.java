package dev.httpaudit.bench.app.web;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.LongAdder;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Counts the exchanges the app served and, when the context closes, writes the count to
 * {@code bench.requests-file}: load.sh compares it with the audit lines written, exactly (wrk
 * does not count the requests still in flight when it stops, which the app serves and audits
 * all the same). A {@link LongAdder} per exchange costs every row the same few nanoseconds.
 */
@Component
public final class RequestCounter implements Filter, DisposableBean {

    private final LongAdder served = new LongAdder();
    private final String file;

    public RequestCounter(@Value("${bench.requests-file:}") String file) {
        this.file = file;
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            chain.doFilter(request, response);
        } finally {
            served.increment();
        }
    }

    /**
     * Both the servlet container (the filter's end) and Spring (the bean's) call this; after the
     * server has stopped, so both write the same final count.
     */
    @Override
    public void destroy() {
        if (file.isEmpty()) {
            return;
        }
        try {
            Files.writeString(Path.of(file), served.sum() + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
