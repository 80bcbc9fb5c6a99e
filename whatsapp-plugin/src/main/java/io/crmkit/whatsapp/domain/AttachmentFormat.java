package io.crmkit.whatsapp.domain;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The file formats users may send (.JPG .JPEG .PNG .PDF .MP3 .MP4 .DOC .DOCX), each recognised by its
 * content, never by its name alone, with the WhatsApp message kind that carries it and Meta's size limit
 * for that kind.
 */
public enum AttachmentFormat {
    JPEG("image/jpeg", Kind.IMAGE, "jpg", "jpeg"),
    PNG("image/png", Kind.IMAGE, "png"),
    PDF("application/pdf", Kind.DOCUMENT, "pdf"),
    /** Word 97–2003: an OLE2 compound file. */
    DOC("application/msword", Kind.DOCUMENT, "doc"),
    /** Word 2007 and later: a ZIP package with a {@code word/} part. */
    DOCX("application/vnd.openxmlformats-officedocument.wordprocessingml.document", Kind.DOCUMENT, "docx"),
    MP3("audio/mpeg", Kind.AUDIO, "mp3"),
    MP4("video/mp4", Kind.VIDEO, "mp4");

    /** A WhatsApp message kind that carries a file, with Meta's limit for it. */
    public enum Kind {
        IMAGE("image", 5L << 20, true), DOCUMENT("document", 100L << 20, true),
        AUDIO("audio", 16L << 20, false), VIDEO("video", 16L << 20, true);

        private final String wireType;
        private final long maxBytes;
        private final boolean takesCaption;

        Kind(String wireType, long maxBytes, boolean takesCaption) {
            this.wireType = wireType;
            this.maxBytes = maxBytes;
            this.takesCaption = takesCaption;
        }

        /** The kind whose message type this is. */
        public static Kind ofWireType(String type) {
            return Arrays.stream(values()).filter(k -> k.wireType.equals(type)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no file travels in a message of type " + type));
        }

        /** Whether a message of this wire type carries a file (a text or a template does not). */
        public static boolean carriesFile(String type) {
            return Arrays.stream(values()).anyMatch(k -> k.wireType.equals(type));
        }

        /** The message {@code type} on the wire, and the name of its object. */
        public String wireType() {
            return wireType;
        }

        public long maxBytes() {
            return maxBytes;
        }

        /** Audio messages have no caption on WhatsApp. */
        public boolean takesCaption() {
            return takesCaption;
        }

        /** Only documents are shown to the customer with their file name. */
        public boolean showsFileName() {
            return this == DOCUMENT;
        }
    }

    private static final byte[] OLE2 = {(byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1};
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] ZIP_LOCAL_HEADER = {'P', 'K', 0x03, 0x04};

    private final String mimeType;
    private final Kind kind;
    private final List<String> extensions;

    AttachmentFormat(String mimeType, Kind kind, String... extensions) {
        this.mimeType = mimeType;
        this.kind = kind;
        this.extensions = List.of(extensions);
    }

    public String mimeType() {
        return mimeType;
    }

    public Kind kind() {
        return kind;
    }

    /** The extension this format is usually named with, for messages to users. */
    public String usualExtension() {
        return extensions.get(0);
    }

    /** The extensions (without the dot) a file of this format may be named with. */
    public List<String> extensions() {
        return extensions;
    }

    /** The names users know the accepted formats by, for error messages. */
    public static String acceptedNames() {
        return ".JPG .JPEG .PNG .PDF .MP3 .MP4 .DOC .DOCX";
    }

    /** The format a file name claims, by its extension. */
    public static Optional<AttachmentFormat> claimedBy(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        String extension = fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.extensions.contains(extension)).findFirst();
    }

    /** The format of a file's content, when it is one of the accepted formats. */
    public static Optional<AttachmentFormat> recognise(byte[] content) {
        return recognise(content, () -> ZipDirectory.entryNames(content));
    }

    /**
     * The format of a file judged by its first bytes and, for a ZIP, the names of its parts; empty when it is
     * none of the accepted formats.
     */
    public static Optional<AttachmentFormat> recognise(byte[] content, Supplier<Optional<List<String>>> zipEntryNames) {
        if (startsWith(content, 0, new byte[]{(byte) 0xFF, (byte) 0xD8, (byte) 0xFF})) {
            return Optional.of(JPEG);
        }
        if (startsWith(content, 0, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (startsWith(content, 0, "%PDF-".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(PDF);
        }
        if (startsWith(content, 0, OLE2)) {
            return Optional.of(DOC);
        }
        if (startsWith(content, 0, ZIP_LOCAL_HEADER)) {
            return zipEntryNames.get().filter(names -> names.contains("word/document.xml")).map(names -> DOCX);
        }
        if (startsWith(content, 4, "ftyp".getBytes(StandardCharsets.US_ASCII))
                && !startsWith(content, 8, "qt  ".getBytes(StandardCharsets.US_ASCII))) {
            return Optional.of(MP4);
        }
        if (startsWith(content, 0, "ID3".getBytes(StandardCharsets.US_ASCII)) || isMpegLayer3Frame(content)) {
            return Optional.of(MP3);
        }
        return Optional.empty();
    }

    private static boolean startsWith(byte[] content, int offset, byte[] prefix) {
        if (content.length < offset + prefix.length) {
            return false;
        }
        return Arrays.equals(content, offset, offset + prefix.length, prefix, 0, prefix.length);
    }

    /** An MP3 without ID3 tag starts with a frame: 11 sync bits, then MPEG audio layer III. */
    private static boolean isMpegLayer3Frame(byte[] content) {
        return content.length >= 2 && (content[0] & 0xFF) == 0xFF && (content[1] & 0xE0) == 0xE0 && (content[1] & 0x06) == 0x02;
    }
}
