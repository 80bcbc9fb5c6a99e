package io.crmkit.whatsapp.domain;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The names of a ZIP archive's entries, read from its central directory at the end of the file. Nothing is
 * inflated, so that an archive built to expand into gigabytes (a zip bomb) costs no more than its own bytes.
 */
public final class ZipDirectory {
    private static final int END_OF_DIRECTORY = 0x06054b50;
    private static final int DIRECTORY_ENTRY = 0x02014b50;
    private static final int END_RECORD_SIZE = 22;
    private static final int MAX_COMMENT = 0xFFFF;
    private static final int MAX_ENTRIES = 10_000;

    private ZipDirectory() {
    }

    /** The entry names, or empty when the content has no readable central directory. */
    public static Optional<List<String>> entryNames(byte[] content) {
        return entryNames(content, 0);
    }

    /**
     * The entry names, from the end of an archive: {@code tail} holds its bytes from position {@code tailStart}
     * on, which must include the central directory. Empty when it has no readable directory there.
     */
    public static Optional<List<String>> entryNames(byte[] tail, long tailStart) {
        ByteBuffer zip = ByteBuffer.wrap(tail).order(ByteOrder.LITTLE_ENDIAN);
        int end = findEndRecord(zip);
        if (end < 0) {
            return Optional.empty();
        }
        int entries = Short.toUnsignedInt(zip.getShort(end + 10));
        long offset = Integer.toUnsignedLong(zip.getInt(end + 16)) - tailStart;
        if (entries > MAX_ENTRIES || offset < 0 || offset >= end) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>(entries);
        int at = (int) offset;
        for (int i = 0; i < entries; i++) {
            if (at + 46 > end || zip.getInt(at) != DIRECTORY_ENTRY) {
                return Optional.empty();
            }
            int nameLength = Short.toUnsignedInt(zip.getShort(at + 28));
            int extraLength = Short.toUnsignedInt(zip.getShort(at + 30));
            int commentLength = Short.toUnsignedInt(zip.getShort(at + 32));
            if (at + 46 + nameLength > end) {
                return Optional.empty();
            }
            names.add(new String(tail, at + 46, nameLength, StandardCharsets.UTF_8));
            at += 46 + nameLength + extraLength + commentLength;
        }
        return Optional.of(names);
    }

    /** Where the end-of-central-directory record starts: searched backwards over at most a maximal comment. */
    private static int findEndRecord(ByteBuffer zip) {
        int last = zip.capacity() - END_RECORD_SIZE;
        int first = Math.max(0, last - MAX_COMMENT);
        for (int at = last; at >= first; at--) {
            if (zip.getInt(at) == END_OF_DIRECTORY) {
                return at;
            }
        }
        return -1;
    }
}
