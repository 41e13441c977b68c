package dev.httpaudit.core.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written timestamp text is exactly what the formatter it replaced wrote. */
class TimestampFormatTest {

    private static final DateTimeFormatter FORMATTER =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    @Test
    void sameTextAsTheFormatterOverTheWholeRangeAndBeyond() {
        SplittableRandom random = new SplittableRandom(42);
        long min = Instant.parse("-0500-01-01T00:00:00Z").getEpochSecond();
        long max = Instant.parse("+12000-12-31T23:59:59Z").getEpochSecond();
        for (int i = 0; i < 200_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(min, max), random.nextInt(1_000_000_000));
            assertThat(EcsFieldMapping.timestamp(instant)).isEqualTo(FORMATTER.format(instant));
        }
        for (String edge : new String[] {"0000-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z",
                "1970-01-01T00:00:00Z", "2024-02-29T12:00:00.000001Z", "2026-11-26T10:15:30.123456789Z"}) {
            Instant instant = Instant.parse(edge);
            assertThat(EcsFieldMapping.timestamp(instant)).isEqualTo(FORMATTER.format(instant));
        }
    }
}
