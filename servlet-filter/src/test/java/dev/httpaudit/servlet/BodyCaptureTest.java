package dev.httpaudit.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

class BodyCaptureTest {

    @Test
    void charCaptureEncodesBelowTheLimitAndCountsPastIt() {
        BodyCapture capture = new BodyCapture(10);
        CharCapture chars = new CharCapture(() -> capture, StandardCharsets.UTF_8);
        String text = "h\u00e9llo \uD83D\uDE00 w\u00f6rld \u4e16\u754c";
        for (char c : text.toCharArray()) {
            chars.write(c);
        }
        assertThat(capture.totalBytes()).isEqualTo(text.getBytes(StandardCharsets.UTF_8).length);
        assertThat(capture.keptBytes()).isLessThanOrEqualTo(13);
        assertThat(capture.truncated()).isTrue();
    }

    @Test
    void charCaptureCountsOtherCharsetsExactly() {
        for (Charset charset : new Charset[] {StandardCharsets.ISO_8859_1, StandardCharsets.UTF_16BE, Charset.forName("Shift_JIS")}) {
            BodyCapture capture = new BodyCapture(4);
            CharCapture chars = new CharCapture(() -> capture, charset);
            String text = "abc\u00e9".repeat(5000);
            chars.write(text, 0, text.length());
            assertThat(capture.totalBytes()).as(charset.name()).isEqualTo(text.getBytes(charset).length);
        }
    }

    @Test
    void surrogatePairSplitAcrossWritesIsEncodedOnce() {
        BodyCapture capture = new BodyCapture(100);
        CharCapture chars = new CharCapture(() -> capture, StandardCharsets.UTF_8);
        chars.write("a\uD83D", 0, 2);
        chars.write("\uDE00b", 0, 2);
        assertThat(new String(capture.buffer(), 0, capture.keptBytes(), StandardCharsets.UTF_8)).isEqualTo("a\uD83D\uDE00b");
    }

    @Test
    void gzipPrefixDecodesWithinTheLimit() throws Exception {
        byte[] plain = "{\"k\":\"value\"},".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(compressed)) {
            gzip.write(plain);
        }
        byte[] all = compressed.toByteArray();

        Decompression.Decoded whole = Decompression.decode("gzip", all, all.length, false, 1_000_000);
        assertThat(whole.bytes()).isEqualTo(plain);
        assertThat(whole.truncated()).isFalse();

        Decompression.Decoded limited = Decompression.decode("gzip", all, all.length, false, 100);
        assertThat(limited.bytes()).hasSize(100);
        assertThat(limited.truncated()).isTrue();

        Decompression.Decoded prefix = Decompression.decode("x-gzip", all, all.length / 2, true, 1_000_000);
        assertThat(prefix.truncated()).isTrue();
        assertThat(new String(plain, StandardCharsets.UTF_8)).startsWith(new String(prefix.bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void unsupportedOrCorruptEncodingsGiveNothing() {
        byte[] garbage = {1, 2, 3, 4, 5, 6, 7, 8};
        assertThat(Decompression.decode("br", garbage, garbage.length, false, 100)).isNull();
        assertThat(Decompression.decode("gzip", garbage, garbage.length, false, 100)).isNull();
        assertThat(Decompression.decode("gzip, br", garbage, garbage.length, false, 100)).isNull();
        assertThat(Decompression.isIdentity("identity")).isTrue();
    }

    @Test
    void textualContentTypesFollowTheConfiguredEntries() {
        ContentTypes types = new ContentTypes(AuditFilterConfig.DEFAULT_TEXTUAL_CONTENT_TYPES);
        assertThat(types.isTextual("application/json")).isTrue();
        assertThat(types.isTextual("application/problem+json")).isTrue();
        assertThat(types.isTextual("text/csv")).isTrue();
        assertThat(types.isTextual("application/atom+xml")).isTrue();
        assertThat(types.isTextual("application/x-www-form-urlencoded")).isTrue();
        assertThat(types.isTextual("image/png")).isFalse();
        assertThat(types.isTextual("application/octet-stream")).isFalse();
        assertThat(types.isTextual(null)).isFalse();
        assertThat(ContentTypes.mimeType("Application/JSON; charset=UTF-8")).isEqualTo("application/json");
        assertThat(ContentTypes.charsetOrUtf8("text/plain; charset=\"ISO-8859-1\"")).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(ContentTypes.charsetOrUtf8("text/plain; charset=bogus")).isEqualTo(StandardCharsets.UTF_8);
    }
}
