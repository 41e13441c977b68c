package dev.httpaudit.spring.live;

import dev.httpaudit.core.AuditEvent;
import dev.httpaudit.core.Outcome;
import dev.httpaudit.core.json.EcsFieldMapping;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the page shows above the table, over every event a query matches (not only the rows
 * shown): the count, the failures (ECS {@code event.outcome} {@code failure}: a 4xx or 5xx, an
 * exception, an aborted exchange), p50/p95/p99 of {@code event.duration}, the same per route,
 * and requests and failures over time. Durations are in nanoseconds, as ECS writes them.
 */
final class LiveStats {

    /** Buckets of the chart: enough to see a burst, few enough to draw in any width. */
    static final int CHART_BUCKETS = 30;

    /** Routes listed, the busiest first. */
    static final int MAX_ROUTES = 20;

    private LiveStats() {
    }

    /** The statistics of {@code events} (any order) as a field tree for the page. */
    static Map<String, Object> of(List<AuditEvent> events) {
        Map<String, Object> stats = summary(events);
        Map<String, List<AuditEvent>> byRoute = new LinkedHashMap<>();
        for (AuditEvent event : events) {
            byRoute.computeIfAbsent(routeOf(event), route -> new ArrayList<>()).add(event);
        }
        List<Map<String, Object>> routes = new ArrayList<>();
        byRoute.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, List<AuditEvent>> e) -> -e.getValue().size())
                        .thenComparing(Map.Entry::getKey))
                .limit(MAX_ROUTES)
                .forEach(e -> {
                    Map<String, Object> route = new LinkedHashMap<>();
                    route.put("route", e.getKey());
                    route.putAll(summary(e.getValue()));
                    routes.add(route);
                });
        stats.put("routes", routes);
        stats.put("chart", chart(events));
        return stats;
    }

    /** {@code GET /api/orders/{id}}: the method and the route template, or the path when no route matched. */
    static String routeOf(AuditEvent event) {
        return event.request().method() + " " + (event.route() != null ? event.route() : event.url().path());
    }

    private static Map<String, Object> summary(List<AuditEvent> events) {
        long[] durations = new long[events.size()];
        int failures = 0;
        for (int i = 0; i < durations.length; i++) {
            AuditEvent event = events.get(i);
            durations[i] = event.durationNanos();
            failures += event.outcome() == Outcome.FAILURE ? 1 : 0;
        }
        Arrays.sort(durations);
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("count", events.size());
        summary.put("failures", failures);
        if (durations.length > 0) {
            summary.put("p50", percentile(durations, 50));
            summary.put("p95", percentile(durations, 95));
            summary.put("p99", percentile(durations, 99));
        }
        return summary;
    }

    /** The nearest-rank percentile of sorted values. */
    static long percentile(long[] sorted, int percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** Requests and failures in {@link #CHART_BUCKETS} equal spans from the oldest start to the newest. */
    private static List<Map<String, Object>> chart(List<AuditEvent> events) {
        if (events.isEmpty()) {
            return List.of();
        }
        long first = Long.MAX_VALUE;
        long last = Long.MIN_VALUE;
        for (AuditEvent event : events) {
            long millis = event.start().toEpochMilli();
            first = Math.min(first, millis);
            last = Math.max(last, millis);
        }
        long span = Math.max(1, (last - first + CHART_BUCKETS) / CHART_BUCKETS); // ms per bucket, rounded up
        int[] requests = new int[CHART_BUCKETS];
        int[] failures = new int[CHART_BUCKETS];
        for (AuditEvent event : events) {
            int bucket = (int) Math.min(CHART_BUCKETS - 1, (event.start().toEpochMilli() - first) / span);
            requests[bucket]++;
            failures[bucket] += event.outcome() == Outcome.FAILURE ? 1 : 0;
        }
        List<Map<String, Object>> chart = new ArrayList<>(CHART_BUCKETS);
        for (int i = 0; i < CHART_BUCKETS; i++) {
            Map<String, Object> bucket = new LinkedHashMap<>();
            bucket.put("start", EcsFieldMapping.timestamp(java.time.Instant.ofEpochMilli(first + i * span)));
            bucket.put("requests", requests[i]);
            bucket.put("failures", failures[i]);
            chart.add(bucket);
        }
        return chart;
    }
}
