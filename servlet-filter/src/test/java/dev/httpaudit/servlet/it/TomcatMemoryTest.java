package dev.httpaudit.servlet.it;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** 1 GiB up and down through the filter on Tomcat, in a JVM with a 128 MiB heap. */
@Tag("tomcat")
class TomcatMemoryTest {

    @Test
    void gigabyteUploadAndDownloadPassWithA128MegabyteHeapAndCappedCopies() throws Exception {
        assertThat(MemoryTest.runWithSmallHeap("tomcat")).contains("upload=1073741824 download=1073741824");
    }
}
