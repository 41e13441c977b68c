package dev.httpaudit.client;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Headers as the event records them: lower-case names (values of one name merged), in order. */
final class LowerCaseHeaders {

    private LowerCaseHeaders() {
    }

    static Map<String, List<String>> of(Map<String, List<String>> headers) {
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((name, values) -> {
            if (name != null && values != null) {
                lower.computeIfAbsent(name.toLowerCase(Locale.ROOT), n -> new ArrayList<>()).addAll(values);
            }
        });
        return lower;
    }
}
