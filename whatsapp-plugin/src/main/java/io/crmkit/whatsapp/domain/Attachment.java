package io.crmkit.whatsapp.domain;

import java.util.Optional;

/**
 * A file a user attaches to an answer, accepted only when its content is one of the {@link AttachmentFormat}s,
 * its name agrees with that content, and it fits Meta's limit for its kind. Judged in two steps, so that the
 * file is received only up to what its name's format may weigh: {@link #claim} by the name, then
 * {@link #accept} by what arrived.
 */
public record Attachment(AttachmentFormat format, String fileName, long size) {
    private static final int FILE_NAME_MAX = 240;

    /** A file name, cleaned of the sender's folders, and the format it claims to be. */
    public record Claim(String fileName, AttachmentFormat format) {
        /** The most bytes a file of this format may have. */
        public long maxBytes() {
            return format.kind().maxBytes();
        }
    }

    /**
     * @throws Refusal {@code UNSUPPORTED_ATTACHMENT} for a name that claims no accepted format, or
     *                 {@code VALIDATION_FAILED} for no name at all
     */
    public static Claim claim(String fileName) {
        String name = cleanName(fileName);
        AttachmentFormat claimed = AttachmentFormat.claimedBy(name).orElseThrow(() -> unsupported(RefusalText.FILE_KIND_REFUSED, name,
                AttachmentFormat.acceptedNames()));
        return new Claim(name, claimed);
    }

    /**
     * @throws Refusal {@code ATTACHMENT_TOO_LARGE} over the limit, {@code VALIDATION_FAILED} for an empty file,
     *                 {@code UNSUPPORTED_ATTACHMENT} for content that is not what the name claims
     */
    public static Attachment accept(Claim claim, UploadedFile file) {
        String name = claim.fileName();
        AttachmentFormat claimed = claim.format();
        if (file.size() > claim.maxBytes()) {
            throw new Refusal(ProblemCode.ATTACHMENT_TOO_LARGE, RefusalText.FILE_TOO_LARGE, name, claimed.kind().wireType(),
                    claim.maxBytes() >> 20);
        }
        if (file.size() == 0) {
            throw Refusal.invalid("file", RefusalText.FILE_EMPTY, name);
        }
        AttachmentFormat actual = AttachmentFormat.recognise(file.head(), file::zipEntryNames).orElseThrow(() -> unsupported(
                RefusalText.FILE_NOT_WHAT_IT_CLAIMS, name, claimed.usualExtension(), AttachmentFormat.acceptedNames()));
        if (actual != claimed) {
            throw unsupported(RefusalText.FILE_OF_ANOTHER_KIND, name, actual.usualExtension(), claimed.usualExtension());
        }
        return new Attachment(actual, name, file.size());
    }

    private static String cleanName(String fileName) {
        String name = Optional.ofNullable(fileName).map(n -> n.replaceAll(".*[/\\\\]", "").replaceAll("[\\p{Cntrl}\"]", "_").strip())
                .orElse("");
        if (name.isEmpty()) {
            throw Refusal.invalid("file", RefusalText.FILE_UNNAMED);
        }
        return name.length() > FILE_NAME_MAX ? name.substring(name.length() - FILE_NAME_MAX) : name;
    }

    private static Refusal unsupported(RefusalText text, Object... arguments) {
        return new Refusal(ProblemCode.UNSUPPORTED_ATTACHMENT, text, arguments);
    }
}
