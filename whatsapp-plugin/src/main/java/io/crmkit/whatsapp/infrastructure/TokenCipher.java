package io.crmkit.whatsapp.infrastructure;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.subtle.AesGcmJce;
import io.crmkit.whatsapp.application.channels.AccessTokens;
import io.crmkit.whatsapp.domain.Channel;
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
 * {@code <CRM_DATA_DIR>/whatsapp/token-encryption.key}, readable by the server's user only. Each secret is sealed
 * to what it belongs to (a channel's number, the installation), so that ciphertexts cannot be swapped.
 */
@ApplicationScoped
public class TokenCipher implements AccessTokens {
    /** The first format: sealed with a fixed context, so any row's ciphertext opened in any other row. */
    private static final byte FORMAT_UNBOUND = 1;
    /** Sealed to its owner (AEAD associated data). */
    private static final byte FORMAT_BOUND = 2;
    private static final byte[] CONTEXT = "whatsapp-secret".getBytes(StandardCharsets.US_ASCII);

    @Inject
    @ConfigProperty(name = "whatsapp.encryption-key")
    Optional<String> configuredKey;
    @Inject
    PluginRuntime runtime;

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
        Path file = runtime.dataDirectory().resolve("token-encryption.key");
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

    /**
     * Seals a secret to what it belongs to: the ciphertext opens only for the same {@code owner}, so a token
     * copied into another channel's row (or the app secret into a token's) is useless there.
     *
     * @param owner what the secret belongs to, such as {@link #channelToken(String)}
     */
    public byte[] encrypt(String secret, String owner) {
        try {
            byte[] sealed = aead.encrypt(secret.getBytes(StandardCharsets.UTF_8), associatedData(owner));
            byte[] stored = new byte[sealed.length + 1];
            stored[0] = FORMAT_BOUND;
            System.arraycopy(sealed, 0, stored, 1, sealed.length);
            return stored;
        } catch (GeneralSecurityException failed) {
            throw new IllegalStateException("encryption failed", failed);
        }
    }

    /** Opens a secret sealed to {@code owner}; a secret of the first format, bound to nothing, opens as well. */
    public String decrypt(byte[] stored, String owner) {
        if (stored.length < 2 || (stored[0] != FORMAT_BOUND && stored[0] != FORMAT_UNBOUND)) {
            throw new IllegalStateException("stored secret has an unknown format");
        }
        try {
            byte[] plain = aead.decrypt(Arrays.copyOfRange(stored, 1, stored.length),
                    stored[0] == FORMAT_BOUND ? associatedData(owner) : CONTEXT);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException wrongKeyOrOwner) {
            throw new IllegalStateException("a stored secret cannot be decrypted: it belongs to something else, or"
                    + " WHATSAPP_ENCRYPTION_KEY was changed", wrongKeyOrOwner);
        }
    }

    /** Whether a stored secret still has the first format, bound to nothing: migrated at start. */
    public static boolean isUnbound(byte[] stored) {
        return stored.length > 0 && stored[0] == FORMAT_UNBOUND;
    }

    @Override
    public byte[] seal(String phoneNumberId, String accessToken) {
        return encrypt(accessToken, channelToken(phoneNumberId));
    }

    @Override
    public String of(Channel channel) {
        return decrypt(channel.encryptedAccessToken(), channelToken(channel.phoneNumberId()));
    }

    /** The owner of a channel's access token: its phone number id. */
    public static String channelToken(String phoneNumberId) {
        return "channel-token:" + phoneNumberId;
    }

    private static byte[] associatedData(String owner) {
        return ("whatsapp-secret:" + owner).getBytes(StandardCharsets.UTF_8);
    }
}
