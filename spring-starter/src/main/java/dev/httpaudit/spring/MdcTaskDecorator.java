package dev.httpaudit.spring;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.springframework.core.task.TaskDecorator;

/**
 * Carries the submitting thread's MDC (and so the correlation ID) to the thread that runs a
 * task, such as Spring MVC's async executor running a {@code Callable} or
 * {@code WebAsyncTask}, and restores the worker's own MDC afterwards.
 */
final class MdcTaskDecorator implements TaskDecorator {

    @Override
    public Runnable decorate(Runnable runnable) {
        @Nullable Map<String, String> submitted = MDC.getCopyOfContextMap();
        return () -> {
            @Nullable Map<String, String> previous = MDC.getCopyOfContextMap();
            setContext(submitted);
            try {
                runnable.run();
            } finally {
                setContext(previous);
            }
        };
    }

    private static void setContext(@Nullable Map<String, String> context) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }
}
