package io.crmkit.whatsapp.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Media as Meta keeps it: uploaded by the business or sent by a customer, readable by id, downloadable
 * through a URL that expires after five minutes (then 404, and a fresh URL must be asked for). Files are kept in
 * the sandbox's schema, so a restart loses none; download URLs, short-lived anyway, are not.
 */
@ApplicationScoped
public class SandboxMedia {
    static final Duration URL_LIFETIME = Duration.ofMinutes(5);
    /** A one-page PDF, for documents a customer sends from the customer page. */
    private static final byte[] SAMPLE_PDF = ("%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
            + "trailer<</Root 1 0 R>>\n%%EOF\n").getBytes(StandardCharsets.US_ASCII);

    /** A stored file. */
    public record Medium(String id, String wabaId, String mimeType, byte[] bytes, String sha256, String fileName) {
    }

    private record DownloadUrl(String mediaId, Instant expiresAt) {
    }

    /** What the sandbox keeps of files at most; past it, the oldest are forgotten (Meta keeps files 30 days). */
    static final long KEPT_BYTES = 256L << 20;

    @Inject
    SandboxStore store;
    private final Map<String, DownloadUrl> urls = new ConcurrentHashMap<>();

    Medium store(String id, String wabaId, String mimeType, byte[] bytes, String fileName) {
        Medium medium = new Medium(id, wabaId, mimeType, bytes.clone(), sha256(bytes), fileName);
        store.keepMedium(medium, KEPT_BYTES);
        return medium;
    }

    /** What a customer's phone would upload for a message of this kind. */
    Medium storeCustomerSample(String id, String wabaId, String mimeType, String fileName) {
        return store(id, wabaId, mimeType, mimeType.startsWith("image/") ? sampleJpeg() : SAMPLE_PDF, fileName);
    }

    /** The largest file a played customer may send with its own content. */
    static final int CUSTOMER_FILE_MAX_BYTES = 1 << 20;

    /**
     * A file with the content the player chose (base64), as a customer's phone may send anything under any type.
     *
     * @throws IllegalArgumentException for content that is not base64 or larger than {@value #CUSTOMER_FILE_MAX_BYTES} bytes
     */
    Medium storeCustomerFile(String id, String wabaId, String mimeType, String fileName, String contentBase64) {
        if (contentBase64.length() > CUSTOMER_FILE_MAX_BYTES / 3 * 4 + 4) {
            throw new IllegalArgumentException("the file is larger than " + CUSTOMER_FILE_MAX_BYTES + " bytes");
        }
        return store(id, wabaId, mimeType, java.util.Base64.getDecoder().decode(contentBase64), fileName);
    }

    /** A small real JPEG: a 16 by 16 green square. */
    private static byte[] sampleJpeg() {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(16, 16, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 16; x++) {
            for (int y = 0; y < 16; y++) {
                image.setRGB(x, y, 0x25D366);
            }
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try {
            javax.imageio.ImageIO.write(image, "jpg", out);
        } catch (java.io.IOException impossible) {
            throw new java.io.UncheckedIOException(impossible);
        }
        return out.toByteArray();
    }

    Optional<Medium> find(String id) {
        return store.medium(id);
    }

    /** A new download key for a medium, valid for five minutes. */
    String issueDownloadKey(String mediaId) {
        String key = UUID.randomUUID().toString().replace("-", "");
        Instant now = Instant.now();
        if (urls.size() > 10_000) {
            urls.values().removeIf(url -> url.expiresAt().isBefore(now));
        }
        urls.put(key, new DownloadUrl(mediaId, now.plus(URL_LIFETIME)));
        return key;
    }

    /** The medium behind a download key that has not expired. */
    Optional<Medium> download(String key) {
        DownloadUrl url = urls.get(key);
        if (url == null || url.expiresAt().isBefore(Instant.now())) {
            return Optional.empty();
        }
        return find(url.mediaId());
    }

    /** Lets every download URL of a medium expire now, as five minutes passing would. */
    public void expireUrls(String mediaId) {
        urls.entrySet().removeIf(entry -> entry.getValue().mediaId().equals(mediaId));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
