package io.crmkit.whatsapp.infrastructure;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Encrypts secrets at rest with AES-256-GCM (Tink). The key is {@code WHATSAPP_ENCRYPTION_KEY} (32 bytes,
 * base64), which every node of a cluster must share; without it, a key generated on first use is kept in
 * {@code <CRM_DATA_DIR>/whatsapp/token-encryption.key}, readable by the server's user only.
 */
@ApplicationScoped
public class TokenCipher {
    private static final byte FORMAT_V1 = 1;
    private static final byte[] CONTEXT = "whatsapp-secret".getBytes(StandardCharsets.US_ASCII);

    @Inject
    @ConfigProperty(name = "whatsapp.encryption-key")
    Optional<String> configuredKey;
    @Inject
    @ConfigProperty(name = "crm.data-dir", defaultValue = "data")
    String dataDir;

    private Aead aead;

    @PostConstruct
    void loadKey() {
        byte[] key = configuredKey.map(TokenCipher::decodeKey).orElseGet(this::keyFromFile);
        try {
            aead = new AesGcmJce(key);
        } catch (GeneralSecurityException unusable) {
            throw new IllegalStateException("the token encryption key is not a usable AES key", unusable);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    private static byte[] decodeKey(String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException notBase64) {
            throw new IllegalStateException("WHATSAPP_ENCRYPTION_KEY must be 32 bytes in base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException("WHATSAPP_ENCRYPTION_KEY must be 32 bytes in base64, it has " + key.length);
        }
        return key;
    }

    private byte[] keyFromFile() {
        Path file = Path.of(dataDir, "whatsapp", "token-encryption.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] fresh = new byte[32];
                new SecureRandom().nextBytes(fresh);
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                    Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
                } catch (FileAlreadyExistsException anotherThreadWasFirst) {
                    // read what the other writer stored
                }
            }
            return decodeKey(Files.readString(file));
        } catch (IOException unreadable) {
            throw new UncheckedIOException("cannot keep the token encryption key in " + file, unreadable);
        }
    }

    public byte[] encrypt(String secret) {
        try {
            byte[] sealed = aead.encrypt(secret.getBytes(StandardCharsets.UTF_8), CONTEXT);
            byte[] stored = new byte[sealed.length + 1];
            stored[0] = FORMAT_V1;
            System.arraycopy(sealed, 0, stored, 1, sealed.length);
            return stored;
        } catch (GeneralSecurityException failed) {
            throw new IllegalStateException("encryption failed", failed);
        }
    }

    public String decrypt(byte[] stored) {
        if (stored.length < 2 || stored[0] != FORMAT_V1) {
            throw new IllegalStateException("stored secret has an unknown format");
        }
        try {
            byte[] plain = aead.decrypt(Arrays.copyOfRange(stored, 1, stored.length), CONTEXT);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException wrongKey) {
            throw new IllegalStateException("a stored secret cannot be decrypted: was WHATSAPP_ENCRYPTION_KEY changed?",
                    wrongKey);
        }
    }
}
