package dev.httpaudit.servlet.it;

import jakarta.servlet.ServletContainerInitializer;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.catalina.Context;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.ErrorPage;

/** Embedded Tomcat 11. */
public final class TomcatServer implements EmbeddedServer {

    private Tomcat tomcat;

    @Override
    public void start(ServletContainerInitializer setup) throws Exception {
        Path base = Files.createTempDirectory("tomcat-it");
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", base.toString());
        context.addServletContainerInitializer(setup, null);
        ErrorPage byException = new ErrorPage();
        byException.setExceptionType(TestApp.ErrorPageException.class.getName());
        byException.setLocation("/error-page");
        context.addErrorPage(byException);
        ErrorPage byStatus = new ErrorPage();
        byStatus.setErrorCode(418);
        byStatus.setLocation("/error-page");
        context.addErrorPage(byStatus);
        tomcat.start();
    }

    @Override
    public int port() {
        return tomcat.getConnector().getLocalPort();
    }

    @Override
    public String name() {
        return "tomcat";
    }

    @Override
    public void close() throws Exception {
        if (tomcat != null) {
            tomcat.stop();
            tomcat.destroy();
        }
    }
}
