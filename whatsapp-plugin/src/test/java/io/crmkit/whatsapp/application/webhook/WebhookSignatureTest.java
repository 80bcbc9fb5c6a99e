package io.crmkit.whatsapp.application.webhook;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookSignatureTest {
    /** As Meta sends it: non-ASCII escaped, so re-serialised JSON would not match. */
    private static final byte[] BODY = "{\"entry\":[{\"text\":\"\\u3053\\u3093\"}]}".getBytes(StandardCharsets.US_ASCII);
    /** {@code printf '%s' BODY | openssl dgst -sha256 -hmac secret} */
    private static final String EXPECTED = "sha256=c54d71bc036a7ffe2a13c77ac408600e65e65f5d74ab66772b1fa3bd5ee4ca23";

    @Test
    void theSignatureIsTheHexHmacSha256OfTheRawBytes() {
        assertEquals(EXPECTED, WebhookSignature.sign("secret", BODY));
        assertTrue(WebhookSignature.matches("secret", BODY, EXPECTED));
        assertTrue(WebhookSignature.matches("secret", BODY, EXPECTED.toUpperCase().replace("SHA256=", "sha256=")));
    }

    @Test
    void anythingElseDoesNotMatch() {
        byte[] reserialised = "{\"entry\":[{\"text\":\"こん\"}]}".getBytes(StandardCharsets.UTF_8);
        assertFalse(WebhookSignature.matches("secret", reserialised, EXPECTED));
        assertFalse(WebhookSignature.matches("other secret", BODY, EXPECTED));
        assertFalse(WebhookSignature.matches("secret", BODY, null));
        assertFalse(WebhookSignature.matches("secret", BODY, "sha1=" + EXPECTED.substring(7)));
        assertFalse(WebhookSignature.matches("secret", BODY, "sha256=not-hex"));
    }
}
