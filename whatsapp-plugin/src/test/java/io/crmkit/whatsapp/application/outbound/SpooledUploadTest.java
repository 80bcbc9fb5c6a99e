package io.crmkit.whatsapp.application.outbound;

import io.crmkit.whatsapp.domain.Attachment;
import io.crmkit.whatsapp.domain.AttachmentFormat;
import io.crmkit.whatsapp.domain.ProblemCode;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.testing.SampleFiles;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SpooledUploadTest {

    /** An upload of {@code length} bytes that are never all in memory at once. */
    private static InputStream endless(long length) {
        return new InputStream() {
            private long left = length;

            @Override
            public int read() {
                return left-- > 0 ? 'x' : -1;
            }

            @Override
            public int read(byte[] buffer, int offset, int count) {
                if (left <= 0) {
                    return -1;
                }
                int n = (int) Math.min(count, left);
                Arrays.fill(buffer, offset, offset + n, (byte) 'x');
                left -= n;
                return n;
            }
        };
    }

    @Test
    void aFileIsKeptWholeOnDiskAndReadBackAsItCame() throws IOException {
        byte[] docx = SampleFiles.docx();
        try (SpooledUpload upload = SpooledUpload.receive(new ByteArrayInputStream(docx), 1 << 20)) {
            assertEquals(docx.length, upload.size());
            assertArrayEquals(Arrays.copyOf(docx, 64), upload.head());
            assertTrue(upload.zipEntryNames().orElseThrow().contains("word/document.xml"));
            assertEquals(AttachmentFormat.DOCX, Attachment.accept(Attachment.claim("quote.docx"), upload).format());
            try (InputStream stored = upload.open()) {
                assertArrayEquals(docx, stored.readAllBytes());
            }
        }
    }

    @Test
    void receivingStopsOneBytePastTheLimitAndTheFileIsTooLarge() {
        long limit = 5L << 20;
        try (SpooledUpload upload = SpooledUpload.receive(endless(200L << 20), limit)) {
            assertEquals(limit + 1, upload.size(), "a 200 MB upload costs no more than the limit");
            assertEquals(ProblemCode.ATTACHMENT_TOO_LARGE, assertThrows(Refusal.class,
                    () -> Attachment.accept(Attachment.claim("huge.jpg"), upload)).code());
        }
    }

    @Test
    void closingRemovesTheTemporaryFile() throws IOException {
        SpooledUpload upload = SpooledUpload.receive(new ByteArrayInputStream(SampleFiles.pdf()), 1 << 20);
        upload.close();
        assertThrows(java.io.UncheckedIOException.class, upload::open);
    }
}
