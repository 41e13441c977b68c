package dev.httpaudit.bench.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import jdk.jfr.consumer.RecordedClass;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

/**
 * Summarizes a JFR recording of the load-test app (benchmarks/load.sh {@code PROFILE=1}) as
 * Markdown: where the CPU goes (execution samples: top self frames, and inclusive shares of the
 * frames of the libraries on the audit path), what allocates (allocation samples, weighted),
 * who waits on locks (monitor enters and parks, by lock class and by the first frame outside
 * {@code java.util.concurrent}), GC pauses and the JVM's CPU load. It reads the same events that
 * {@code jfr print --events jdk.ExecutionSample,jdk.ObjectAllocationSample,jdk.JavaMonitorEnter}
 * prints, through the JDK's own parser ({@link RecordingFile}) rather than by parsing that text.
 *
 * With the number of requests served during the recording it also gives the bytes the JVM
 * allocated per request ({@code jdk.ThreadAllocationStatistics} at the recording's start and
 * end, all threads), a figure that, unlike times, holds on a loaded machine.
 *
 * <pre>java -cp CLASSPATH dev.httpaudit.bench.app.JfrSummary recording.jfr [requests [top]]</pre>
 */
public final class JfrSummary {

    /** Packages whose frames get an inclusive share: the audit path and what it calls. */
    private static final List<String> PATH_PACKAGES = List.of("dev.httpaudit.", "net.logstash.",
            "ch.qos.logback.", "tools.jackson.", "com.fasterxml.jackson.", "org.zalando.logbook.",
            "org.springframework.security.web.FilterChainProxy.doFilter",
            "org.springframework.web.servlet.DispatcherServlet.doDispatch");

    /**
     * Libraries, in the order they are tried: a sample's CPU goes to the library of its
     * innermost frame outside the JDK, so JDK code counts for whoever called it.
     */
    private static final List<Map.Entry<String, String>> LAYERS = List.of(
            Map.entry("dev.httpaudit.bench.", "the app (benchmark code)"),
            Map.entry("dev.httpaudit.", "http-audit"),
            Map.entry("net.logstash.", "LogstashEncoder"),
            Map.entry("ch.qos.logback.", "Logback"),
            Map.entry("tools.jackson.", "Jackson"),
            Map.entry("com.fasterxml.jackson.", "Jackson"),
            Map.entry("org.zalando.", "Logbook"),
            Map.entry("org.springframework.security.", "Spring Security"),
            Map.entry("org.springframework.", "Spring Framework / Boot"),
            Map.entry("org.apache.", "Tomcat"),
            Map.entry("jdk.jfr.", "JFR"));

    private JfrSummary() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        long requests = args.length > 1 ? Long.parseLong(args[1]) : 0;
        int top = args.length > 2 ? Integer.parseInt(args[2]) : 25;
        Map<Long, long[]> threadAllocated = new HashMap<>();
        Tally self = new Tally();
        Tally inclusive = new Tally();
        Tally threads = new Tally();
        Tally layers = new Tally();
        Tally allocationSites = new Tally();
        Tally allocationInclusive = new Tally();
        Tally allocatedClasses = new Tally();
        Tally lockClasses = new Tally();
        Tally lockSites = new Tally();
        Tally gcPauses = new Tally();
        long samples = 0;
        long allocated = 0;
        double jvmCpu = 0;
        double machineCpu = 0;
        int cpuReadings = 0;
        for (RecordedEvent event : RecordingFile.readAllEvents(file)) {
            String type = event.getEventType().getName();
            switch (type) {
                case "jdk.ExecutionSample" -> {
                    RecordedStackTrace stack = event.getStackTrace();
                    if (stack == null || stack.getFrames().isEmpty()) {
                        continue;
                    }
                    samples++;
                    self.add(frameName(stack.getFrames().get(0)), 1);
                    layers.add(layer(stack), 1);
                    for (String name : distinctFrames(stack, JfrSummary::onAuditPath)) {
                        inclusive.add(name, 1);
                    }
                    threads.add(threadGroup(event.getThread("sampledThread")), 1);
                }
                case "jdk.ObjectAllocationSample" -> {
                    long weight = event.getLong("weight");
                    allocated += weight;
                    RecordedClass objectClass = event.getClass("objectClass");
                    allocatedClasses.add(objectClass == null ? "?" : objectClass.getName(), weight);
                    RecordedStackTrace stack = event.getStackTrace();
                    if (stack != null && !stack.getFrames().isEmpty()) {
                        allocationSites.add(frameName(stack.getFrames().get(0)), weight);
                        for (String name : distinctFrames(stack, JfrSummary::onAuditPath)) {
                            allocationInclusive.add(name, weight);
                        }
                    }
                }
                case "jdk.JavaMonitorEnter", "jdk.ThreadPark" -> {
                    RecordedClass lock = event.getClass(type.equals("jdk.JavaMonitorEnter") ? "monitorClass" : "parkedClass");
                    String lockName = (type.equals("jdk.JavaMonitorEnter") ? "monitor " : "park ")
                            + (lock == null ? "(no object)" : lock.getName());
                    if (lock != null && lock.getName().endsWith("$ConditionObject")) {
                        // a thread waiting for work (an idle Tomcat worker, the async writer), not for a lock
                        lockName = "idle: " + lockName;
                    }
                    long nanos = event.getDuration().toNanos();
                    lockClasses.add(lockName, nanos);
                    lockSites.add(lockName + " at " + firstFrameOutsideJuc(event.getStackTrace()), nanos);
                }
                case "jdk.ThreadAllocationStatistics" -> {
                    RecordedThread thread = event.getThread("thread");
                    long bytes = event.getLong("allocated");
                    if (thread != null) {
                        long[] range = threadAllocated.computeIfAbsent(thread.getId(), id -> new long[] {bytes, bytes});
                        range[0] = Math.min(range[0], bytes);
                        range[1] = Math.max(range[1], bytes);
                    }
                }
                case "jdk.GCPhasePause" -> gcPauses.add(event.getString("name"), event.getDuration().toNanos());
                case "jdk.CPULoad" -> {
                    jvmCpu += event.getFloat("jvmUser") + event.getFloat("jvmSystem");
                    machineCpu += event.getFloat("machineTotal");
                    cpuReadings++;
                }
                default -> {
                }
            }
        }

        System.out.printf("# JFR summary of %s%n%n", file.getFileName());
        if (cpuReadings > 0) {
            System.out.printf("CPU load (jdk.CPULoad, mean of %d readings, 1.0 = all cores): JVM %.2f, machine %.2f%n%n",
                    cpuReadings, jvmCpu / cpuReadings, machineCpu / cpuReadings);
        }
        if (requests > 0) {
            long bytes = threadAllocated.values().stream().mapToLong(range -> range[1] - range[0]).sum();
            System.out.printf("Allocated by all threads during the recording (jdk.ThreadAllocationStatistics): %,d MB,"
                    + " %,d requests, **%,d bytes per request**%n%n", bytes >> 20, requests, bytes / requests);
        }
        System.out.printf("## CPU: %,d execution samples%n%n", samples);
        threads.print("thread (digits dropped)", "samples", samples, top, false);
        layers.print("library of the innermost non-JDK frame", "samples", samples, top, false);
        self.print("top frame (self)", "samples", samples, top, false);
        inclusive.print("frame on the audit path (inclusive)", "samples", samples, top * 2, false);
        System.out.printf("## Allocation: %,d MB sampled (weighted)%n%n", allocated >> 20);
        allocationSites.print("allocating frame", "MB", allocated, top, true);
        allocatedClasses.print("class allocated", "MB", allocated, top, true);
        allocationInclusive.print("frame on the audit path (inclusive)", "MB", allocated, top, true);
        System.out.printf("## Lock waits (jdk.JavaMonitorEnter, jdk.ThreadPark above their thresholds)%n%n");
        lockClasses.printTime("lock", top);
        lockSites.printTime("lock, first frame outside java.util.concurrent", top);
        System.out.printf("## GC pauses%n%n");
        gcPauses.printTime("pause", top);
    }

    private static boolean onAuditPath(String frame) {
        for (String prefix : PATH_PACKAGES) {
            if (frame.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String layer(RecordedStackTrace stack) {
        for (RecordedFrame frame : stack.getFrames()) {
            String name = frameName(frame);
            for (Map.Entry<String, String> layer : LAYERS) {
                if (name.startsWith(layer.getKey())) {
                    return layer.getValue();
                }
            }
        }
        return "JDK only";
    }

    /** The stack's frames that match, each method once (recursion counted once per sample). */
    private static Set<String> distinctFrames(RecordedStackTrace stack, Predicate<String> keep) {
        Set<String> names = new HashSet<>();
        for (RecordedFrame frame : stack.getFrames()) {
            String name = frameName(frame);
            if (keep.test(name)) {
                names.add(name);
            }
        }
        return names;
    }

    private static String firstFrameOutsideJuc(RecordedStackTrace stack) {
        if (stack == null) {
            return "?";
        }
        for (RecordedFrame frame : stack.getFrames()) {
            String name = frameName(frame);
            if (!name.startsWith("java.util.concurrent.") && !name.startsWith("jdk.internal.misc.")
                    && !name.startsWith("java.lang.Object.wait")) {
                return name;
            }
        }
        return "?";
    }

    private static String frameName(RecordedFrame frame) {
        RecordedMethod method = frame.getMethod();
        return method == null ? "?" : method.getType().getName() + "." + method.getName();
    }

    /** Thread names with their numbers dropped, so that the 16 request threads make one row. */
    private static String threadGroup(RecordedThread thread) {
        if (thread == null) {
            return "?";
        }
        String name = thread.getJavaName() != null ? thread.getJavaName() : thread.getOSName();
        return name == null ? "?" : name.replaceAll("\\d+", "N");
    }

    /** Sums per key, printed as a Markdown table of the largest. */
    private static final class Tally {
        private final Map<String, Long> sums = new HashMap<>();
        private final Map<String, Long> counts = new HashMap<>();

        void add(String key, long amount) {
            sums.merge(key, amount, Long::sum);
            counts.merge(key, 1L, Long::sum);
        }

        private List<Map.Entry<String, Long>> largest(int top) {
            List<Map.Entry<String, Long>> entries = new ArrayList<>(sums.entrySet());
            entries.sort(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()));
            return entries.subList(0, Math.min(top, entries.size()));
        }

        void print(String what, String unit, long total, int top, boolean bytes) {
            System.out.printf("| %s | %s | %% |%n|---|---|---|%n", what, unit);
            for (Map.Entry<String, Long> entry : largest(top)) {
                String amount = bytes ? String.format("%,.1f", entry.getValue() / 1048576.0)
                        : String.format("%,d", entry.getValue());
                System.out.printf("| `%s` | %s | %.1f |%n", entry.getKey(), amount,
                        total == 0 ? 0.0 : 100.0 * entry.getValue() / total);
            }
            System.out.println();
        }

        void printTime(String what, int top) {
            System.out.printf("| %s | events | total ms |%n|---|---|---|%n", what);
            for (Map.Entry<String, Long> entry : largest(top)) {
                System.out.printf("| `%s` | %,d | %,.1f |%n", entry.getKey(), counts.get(entry.getKey()),
                        entry.getValue() / 1e6);
            }
            System.out.println();
        }
    }
}
