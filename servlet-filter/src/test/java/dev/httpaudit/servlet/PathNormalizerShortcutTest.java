package dev.httpaudit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link PathNormalizer#normalize} returns a path it rules already normal as it is, without
 * splitting it: the same result as the segment-by-segment normalization, for every path of up
 * to six chars over the chars that normalization treats specially.
 */
class PathNormalizerShortcutTest {

    private static final char[] CHARS = {'/', '.', ';', '%', '2', 'e', 'f', '\\', 'a'};

    @Test
    void theShortcutGivesWhatTheSegmentsGiveForEveryShortPath() {
        List<String> paths = new ArrayList<>();
        paths(new StringBuilder(), 6, paths);
        int unchanged = 0;
        for (String path : paths) {
            String normalized = PathNormalizer.normalize(path);
            assertThat(normalized).as(path).isEqualTo(PathNormalizer.bySegments(path));
            if (normalized == path) {
                unchanged++;
            }
        }
        // the shortcut is taken at all (the same instance comes back), not only the segments
        assertThat(unchanged).isGreaterThan(1_000);
    }

    @Test
    void anOrdinaryPathComesBackAsTheSameInstance() {
        String path = "/api/orders/42/items";

        assertThat(PathNormalizer.normalize(path)).isSameAs(path);
    }

    private static void paths(StringBuilder prefix, int maxLength, List<String> out) {
        if (prefix.length() > 0) {
            out.add(prefix.toString());
        }
        if (prefix.length() == maxLength) {
            return;
        }
        for (char c : CHARS) {
            prefix.append(c);
            paths(prefix, maxLength, out);
            prefix.setLength(prefix.length() - 1);
        }
    }
}
