package io.crmkit.whatsapp.domain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Optional;

/**
 * A file a user attaches to an answer, accepted only when its content is one of the {@link AttachmentFormat}s,
 * its name agrees with that content, and it fits Meta's limit for its kind.
 */
public record Attachment(AttachmentFormat format, String fileName, byte[] content) {
    private static final int FILE_NAME_MAX = 240;

    /**
     * Reads and checks an uploaded file; never reads more than the claimed format allows (plus one byte).
     *
     * @throws Refusal {@code UNSUPPORTED_ATTACHMENT} for any other content or a name that disagrees with it,
     *                 {@code ATTACHMENT_TOO_LARGE} over the limit
     */
    public static Attachment read(String fileName, InputStream upload) {
        String name = cleanName(fileName);
        AttachmentFormat claimed = AttachmentFormat.claimedBy(name).orElseThrow(() -> unsupported(
                "\"" + name + "\" is not a file WhatsApp answers can carry here: send a "
                        + AttachmentFormat.acceptedNames() + " file"));
        byte[] content;
        try {
            content = upload.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, claimed.kind().maxBytes() + 1));
        } catch (IOException broken) {
            throw new UncheckedIOException("the upload of " + name + " broke off", broken);
        }
        if (content.length > claimed.kind().maxBytes()) {
            throw new Refusal(ProblemCode.ATTACHMENT_TOO_LARGE, "\"" + name + "\" is larger than WhatsApp allows for "
                    + claimed.kind().wireType() + " files (" + (claimed.kind().maxBytes() >> 20) + " MB): send a smaller file");
        }
        if (content.length == 0) {
            throw Refusal.invalid("file", "\"" + name + "\" is empty: choose the file again");
        }
        AttachmentFormat actual = AttachmentFormat.recognise(content).orElseThrow(() -> unsupported(
                "the content of \"" + name + "\" is not a real ." + claimed.usualExtension() + " file: send a "
                        + AttachmentFormat.acceptedNames() + " file"));
        if (actual != claimed) {
            throw unsupported("\"" + name + "\" contains a ." + actual.usualExtension() + " file, not a ."
                    + claimed.usualExtension() + " one: rename it or choose the right file");
        }
        return new Attachment(actual, name, content);
    }

    private static String cleanName(String fileName) {
        String name = Optional.ofNullable(fileName).map(n -> n.replaceAll(".*[/\\\\]", "").replaceAll("[\\p{Cntrl}\"]", "_").strip())
                .orElse("");
        if (name.isEmpty()) {
            throw Refusal.invalid("file", "the file has no name: choose it again");
        }
        return name.length() > FILE_NAME_MAX ? name.substring(name.length() - FILE_NAME_MAX) : name;
    }

    private static Refusal unsupported(String message) {
        return new Refusal(ProblemCode.UNSUPPORTED_ATTACHMENT, message);
    }

    public long size() {
        return content.length;
    }
}
