package io.crmkit.whatsapp.domain;

import io.crmkit.whatsapp.testing.SampleFiles;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AttachmentTest {

    /** A file as received, in memory: what the receiver would report of these bytes. */
    private static UploadedFile received(byte[] content) {
        return new UploadedFile() {
            @Override
            public long size() {
                return content.length;
            }

            @Override
            public byte[] head() {
                return java.util.Arrays.copyOf(content, Math.min(content.length, HEAD_BYTES));
            }

            @Override
            public java.util.Optional<java.util.List<String>> zipEntryNames() {
                return ZipDirectory.entryNames(content);
            }
        };
    }

    private static Attachment read(String name, byte[] content) {
        return Attachment.accept(Attachment.claim(name), received(content));
    }

    private static ProblemCode refusal(String name, byte[] content) {
        return assertThrows(Refusal.class, () -> read(name, content)).code();
    }

    @Test
    void everyAcceptedFormatIsRecognisedByItsContentAndCarriedByItsKind() {
        Map<String, byte[]> files = Map.of("photo.JPG", SampleFiles.jpeg(), "photo.jpeg", SampleFiles.jpeg(),
                "chart.png", SampleFiles.png(), "invoice.pdf", SampleFiles.pdf(), "quote.doc", SampleFiles.doc(),
                "quote.docx", SampleFiles.docx(), "jingle.mp3", SampleFiles.mp3(), "raw.mp3", SampleFiles.mp3WithoutTag(),
                "demo.mp4", SampleFiles.mp4());
        Map<String, String> expected = Map.of("photo.JPG", "image/jpeg image", "photo.jpeg", "image/jpeg image",
                "chart.png", "image/png image", "invoice.pdf", "application/pdf document",
                "quote.doc", "application/msword document",
                "quote.docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document document",
                "jingle.mp3", "audio/mpeg audio", "raw.mp3", "audio/mpeg audio", "demo.mp4", "video/mp4 video");
        files.forEach((name, content) -> {
            Attachment attachment = read(name, content);
            assertEquals(expected.get(name), attachment.format().mimeType() + " " + attachment.format().kind().wireType(), name);
            assertEquals(content.length, attachment.size());
        });
    }

    @Test
    void aRenamedExecutableIsRefusedWhateverItIsCalled() {
        for (String name : new String[]{"invoice.pdf", "photo.jpg", "quote.docx", "song.mp3", "setup.exe"}) {
            assertEquals(ProblemCode.UNSUPPORTED_ATTACHMENT, refusal(name, SampleFiles.executable()), name);
        }
    }

    @Test
    void contentThatDisagreesWithItsNameOrIsAnotherFormatIsRefused() {
        assertEquals(ProblemCode.UNSUPPORTED_ATTACHMENT, refusal("invoice.pdf", SampleFiles.png()));
        assertEquals(ProblemCode.UNSUPPORTED_ATTACHMENT, refusal("quote.docx", SampleFiles.plainZip()));
        assertEquals(ProblemCode.UNSUPPORTED_ATTACHMENT, refusal("clip.mp4", SampleFiles.quickTime()));
        assertEquals(ProblemCode.UNSUPPORTED_ATTACHMENT, refusal("archive.zip", SampleFiles.plainZip()));
        assertEquals(ProblemCode.UNSUPPORTED_ATTACHMENT, refusal("no-extension", SampleFiles.pdf()));
    }

    @Test
    void eachKindHasMetasSizeLimit() {
        byte[] bigImage = new byte[(5 << 20) + 1];
        System.arraycopy(SampleFiles.jpeg(), 0, bigImage, 0, 3);
        assertEquals(ProblemCode.ATTACHMENT_TOO_LARGE, refusal("huge.jpg", bigImage));

        byte[] bigPdf = new byte[(5 << 20) + 1];
        System.arraycopy(SampleFiles.pdf(), 0, bigPdf, 0, 16);
        assertEquals(AttachmentFormat.PDF, read("big.pdf", bigPdf).format(), "documents may be up to 100 MB");

        byte[] bigAudio = new byte[(16 << 20) + 1];
        System.arraycopy(SampleFiles.mp3(), 0, bigAudio, 0, 16);
        assertEquals(ProblemCode.ATTACHMENT_TOO_LARGE, refusal("long.mp3", bigAudio));
    }

    @Test
    void anEmptyFileOrOneWithoutNameIsAValidationError() {
        assertEquals(ProblemCode.VALIDATION_FAILED, refusal("empty.pdf", new byte[0]));
        assertEquals(ProblemCode.VALIDATION_FAILED, refusal("  ", SampleFiles.pdf()));
    }

    @Test
    void onlyTheFileNameIsKeptNotTheSendersFolders() {
        assertEquals("invoice.pdf", read("C:\\Users\\hanako\\invoice.pdf", SampleFiles.pdf()).fileName());
        assertEquals("invoice.pdf", read("/home/hanako/invoice.pdf", SampleFiles.pdf()).fileName());
    }
}
