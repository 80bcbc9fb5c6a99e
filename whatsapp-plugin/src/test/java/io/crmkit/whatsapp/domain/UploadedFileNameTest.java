package io.crmkit.whatsapp.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UploadedFileNameTest {

    private static String asParsed(String sent) {
        return new String(sent.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    @Test
    void namesSentAsUtf8BytesAreReadAsWritten() {
        for (String name : new String[]{"見積書.pdf", "عرض سعر.docx", "Zoë's 🙂 photo.jpg", "plain.pdf"}) {
            assertEquals(name, UploadedFileName.of(asParsed(name)));
        }
    }

    @Test
    void namesThatAreNotUtf8AreKeptAsTheyCame() {
        assertEquals("café.pdf", UploadedFileName.of("café.pdf"), "a Latin-1 name whose bytes are not UTF-8");
        assertEquals("見積書.pdf", UploadedFileName.of("見積書.pdf"), "a name the parser already read as Unicode");
    }
}
