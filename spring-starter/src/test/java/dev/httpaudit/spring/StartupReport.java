package dev.httpaudit.spring;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;

/**
 * What Spring Boot prints under "APPLICATION FAILED TO START" for a start-up failure: the
 * description of the first of Boot's registered failure analyzers that recognizes it, found
 * the way {@code SpringApplication} finds them. {@code null} when none does (then Boot prints
 * the whole stack trace instead).
 */
final class StartupReport {

    private StartupReport() {
    }

    static String of(Throwable failure) {
        ArgumentResolver arguments = ArgumentResolver.of(Environment.class, new StandardEnvironment())
                .and(BeanFactory.class, new DefaultListableBeanFactory());
        // Analyzers that need what a failed test context cannot give are skipped, as Boot skips them.
        for (FailureAnalyzer analyzer : SpringFactoriesLoader.forDefaultResourceLocation()
                .load(FailureAnalyzer.class, arguments, SpringFactoriesLoader.FailureHandler.handleMessage((m, e) -> { }))) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis.getDescription();
            }
        }
        return null;
    }
}
