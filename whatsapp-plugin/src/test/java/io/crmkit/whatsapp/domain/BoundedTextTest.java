package io.crmkit.whatsapp.domain;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BoundedTextTest {

    @Test
    void shortTextIsKeptAsItIs() {
        assertEquals("Hanako 🌸", BoundedText.fit("Hanako 🌸", 8));
    }

    @Test
    void longTextEndsWithAnEllipsisAtTheLimit() {
        assertEquals("abcd…", BoundedText.fit("abcdefgh", 5));
    }

    @Test
    void countsCodePointsAndNeverSplitsOne() {
        String emoji = "🙂".repeat(300);
        String fitted = BoundedText.fit(emoji, 200);
        assertEquals(200, fitted.codePointCount(0, fitted.length()));
        assertEquals("🙂".repeat(199) + "…", fitted);
    }
}
