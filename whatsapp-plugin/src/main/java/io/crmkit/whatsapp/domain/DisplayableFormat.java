package io.crmkit.whatsapp.domain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * The customer files a browser may show in place (inline): pictures and PDFs, recognised by their content.
 * Whatever a customer's phone claims a file is, anything else is only ever downloaded, so that a page or a
 * script sent as a "document" never runs on the CRM's origin.
 */
public enum DisplayableFormat {
    JPEG("image/jpeg"), PNG("image/png"), WEBP("image/webp"), PDF("application/pdf");

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] PDF_SIGNATURE = "%PDF-".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RIFF = "RIFF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WEBP_FORM = "WEBP".getBytes(StandardCharsets.US_ASCII);

    private final String mimeType;

    DisplayableFormat(String mimeType) {
        this.mimeType = mimeType;
    }

    /** The type a browser is told: the one the content proves, never the one the sender claimed. */
    public String mimeType() {
        return mimeType;
    }

    /** The displayable format the content is, judged by its first bytes; empty for everything else. */
    public static Optional<DisplayableFormat> of(byte[] content) {
        if (content.length >= 3 && (content[0] & 0xFF) == 0xFF && (content[1] & 0xFF) == 0xD8 && (content[2] & 0xFF) == 0xFF) {
            return Optional.of(JPEG);
        }
        if (startsWith(content, 0, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (startsWith(content, 0, RIFF) && startsWith(content, 8, WEBP_FORM)) {
            return Optional.of(WEBP);
        }
        if (startsWith(content, 0, PDF_SIGNATURE)) {
            return Optional.of(PDF);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] content, int offset, byte[] prefix) {
        return content.length >= offset + prefix.length
                && Arrays.equals(content, offset, offset + prefix.length, prefix, 0, prefix.length);
    }
}
