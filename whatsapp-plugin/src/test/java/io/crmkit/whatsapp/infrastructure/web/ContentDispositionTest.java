package io.crmkit.whatsapp.infrastructure.web;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ContentDispositionTest {

    @Test
    void aJapaneseNameTravelsEncodedWithAnAsciiStandIn() {
        assertEquals("attachment; filename=\"___.pdf\"; filename*=UTF-8''%E8%A6%8B%E7%A9%8D%E6%9B%B8.pdf",
                ContentDisposition.of(false, "見積書.pdf"));
    }

    @Test
    void foldersQuotesAndLineBreaksNeverReachTheHeader() {
        assertEquals("inline; filename=\"a_b.png\"; filename*=UTF-8''a%22b.png",
                ContentDisposition.of(true, "..\\\\evil/dir/a\"b\r\n.png"));
        assertEquals("attachment; filename=\"file\"; filename*=UTF-8''file", ContentDisposition.of(false, "../"));
    }
}
