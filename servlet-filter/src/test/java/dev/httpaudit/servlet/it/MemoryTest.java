package dev.httpaudit.servlet.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@link MemoryMain} in a forked JVM with {@code -Xmx128m}. */
final class MemoryTest {

    private MemoryTest() {
    }

    /** Forks the JVM on this test's class path; returns its output after asserting success. */
    static String runWithSmallHeap(String server) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx128m", "-cp", System.getProperty("java.class.path"),
                "-Dlogback.configurationFile=logback-test.xml", MemoryMain.class.getName(), server))
                .redirectErrorStream(true)
                .start();
        byte[] output;
        try (var in = process.getInputStream()) {
            output = in.readAllBytes();
        }
        boolean exited = process.waitFor(3, TimeUnit.MINUTES);
        if (!exited) {
            process.destroyForcibly();
        }
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(exited).as("forked JVM finished").isTrue();
        assertThat(text).as("forked JVM output").contains("MEMORY-OK");
        assertThat(process.exitValue()).as(text).isZero();
        return text;
    }
}
