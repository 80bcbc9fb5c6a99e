package io.crmkit.whatsapp.domain;

import io.crmkit.whatsapp.testing.SampleFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ZipDirectoryTest {

    /**
     * A Word package whose first part is 50 MB of zeros deflated to a few kilobytes, what a zip bomb is made of;
     * the main part comes after it, where reading entry by entry would only arrive by inflating the first.
     */
    private static byte[] bombBeforeTheDocument() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            zip.putNextEntry(new ZipEntry("word/media/zeros.bin"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 50; i++) {
                zip.write(zeros);
            }
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("word/document.xml"));
            zip.write("<w:document/>".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        return bytes.toByteArray();
    }

    @Test
    void aWordDocumentsPartsAreListed() {
        assertTrue(ZipDirectory.entryNames(SampleFiles.docx()).orElseThrow().contains("word/document.xml"));
    }

    @Test
    void entriesAreNeverInflated() throws IOException {
        byte[] bomb = bombBeforeTheDocument();
        assertTrue(bomb.length < 200_000, "compressed to " + bomb.length + " bytes");
        // Spoil the first part's compressed data: inflating it fails, reading the directory does not.
        Arrays.fill(bomb, 80, 1_000, (byte) 0x5A);
        assertEquals(Optional.of(List.of("word/media/zeros.bin", "word/document.xml")), ZipDirectory.entryNames(bomb));
        assertEquals(Optional.of(AttachmentFormat.DOCX), AttachmentFormat.recognise(bomb));
    }

    @Test
    void somethingThatOnlyStartsLikeAZipHasNoDirectory() {
        byte[] fake = new byte[4_096];
        fake[0] = 'P';
        fake[1] = 'K';
        fake[2] = 3;
        fake[3] = 4;
        assertEquals(Optional.empty(), ZipDirectory.entryNames(fake));
        assertEquals(Optional.empty(), AttachmentFormat.recognise(fake));
        byte[] truncated = Arrays.copyOf(SampleFiles.docx(), SampleFiles.docx().length - 30);
        assertEquals(Optional.empty(), ZipDirectory.entryNames(truncated));
    }
}
