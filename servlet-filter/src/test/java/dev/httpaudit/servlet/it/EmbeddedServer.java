package dev.httpaudit.servlet.it;

import jakarta.servlet.ServletContainerInitializer;

/** An embedded servlet container on a free port, set up by a {@link ServletContainerInitializer}. */
public interface EmbeddedServer extends AutoCloseable {

    /** Starts the server with {@code setup}, and error pages for 418 and {@link TestApp.ErrorPageException}. */
    void start(ServletContainerInitializer setup) throws Exception;

    /** The bound port. */
    int port();

    /** A name for test reports. */
    String name();

    @Override
    void close() throws Exception;
}
