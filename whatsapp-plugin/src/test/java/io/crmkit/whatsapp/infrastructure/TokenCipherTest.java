package io.crmkit.whatsapp.infrastructure;

import com.google.crypto.tink.subtle.AesGcmJce;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenCipherTest {
    private static final byte[] KEY = new byte[32];

    private static TokenCipher cipher() {
        TokenCipher cipher = new TokenCipher();
        cipher.configuredKey = Optional.of(Base64.getEncoder().encodeToString(KEY));
        cipher.loadKey();
        return cipher;
    }

    @Test
    void aTokenOpensOnlyForItsOwnChannel() {
        TokenCipher cipher = cipher();
        byte[] sealed = cipher.encrypt("EAAG-secret-token", TokenCipher.channelToken("1001"));
        assertEquals("EAAG-secret-token", cipher.decrypt(sealed, TokenCipher.channelToken("1001")));
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed, TokenCipher.channelToken("2002")),
                "a ciphertext copied into another channel's row is useless there");
        assertFalse(TokenCipher.isUnbound(sealed));
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("EAAG"));
    }

    @Test
    void secretsOfTheFirstFormatStillOpenAndAreRecognisedForSealing() throws GeneralSecurityException {
        byte[] unbound = new AesGcmJce(KEY).encrypt("old-token".getBytes(StandardCharsets.UTF_8),
                "whatsapp-secret".getBytes(StandardCharsets.US_ASCII));
        byte[] stored = new byte[unbound.length + 1];
        stored[0] = 1;
        System.arraycopy(unbound, 0, stored, 1, unbound.length);

        assertTrue(TokenCipher.isUnbound(stored));
        assertEquals("old-token", cipher().decrypt(stored, TokenCipher.channelToken("1001")));
    }
}
