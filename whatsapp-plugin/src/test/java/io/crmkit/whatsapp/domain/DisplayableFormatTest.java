package io.crmkit.whatsapp.domain;

import io.crmkit.whatsapp.testing.SampleFiles;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class DisplayableFormatTest {

    @Test
    void picturesAndPdfsAreRecognisedByTheirContent() {
        assertEquals(Optional.of(DisplayableFormat.JPEG), DisplayableFormat.of(SampleFiles.jpeg()));
        assertEquals(Optional.of(DisplayableFormat.PNG), DisplayableFormat.of(SampleFiles.png()));
        assertEquals(Optional.of(DisplayableFormat.PDF), DisplayableFormat.of(SampleFiles.pdf()));
        byte[] webp = "RIFF\u0024\u0000\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1);
        assertEquals(Optional.of(DisplayableFormat.WEBP), DisplayableFormat.of(webp));
    }

    @Test
    void pagesScriptsAndEverythingElseAreNotDisplayable() {
        for (String content : new String[]{"<html><script>alert(1)</script></html>",
                "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>", "%PD", "", "RIFF0000WAVE"}) {
            assertEquals(Optional.empty(), DisplayableFormat.of(content.getBytes(StandardCharsets.UTF_8)), content);
        }
        assertEquals(Optional.empty(), DisplayableFormat.of(SampleFiles.docx()));
    }
}
