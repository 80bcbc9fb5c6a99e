package io.crmkit.whatsapp.application.outbound;

import io.crmkit.whatsapp.domain.UploadedFile;
import io.crmkit.whatsapp.domain.ZipDirectory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * An upload received into a temporary file, never whole in memory, and only up to one byte past the most it
 * may weigh, so that an oversized file costs no more than that. Deleted when closed.
 */
public final class SpooledUpload implements UploadedFile, AutoCloseable {
    /** How much of the end of a ZIP is read for its directory; the directories of office files are far smaller. */
    private static final int ZIP_TAIL_BYTES = 1 << 20;

    private final Path file;
    private final long size;
    private final byte[] head;

    private SpooledUpload(Path file, long size, byte[] head) {
        this.file = file;
        this.size = size;
        this.head = head;
    }

    /** Copies at most {@code maxBytes + 1} bytes of the upload to a temporary file. */
    public static SpooledUpload receive(InputStream upload, long maxBytes) {
        Path file = null;
        try {
            file = Files.createTempFile("upload-", ".part");
            long copied;
            try (OutputStream out = Files.newOutputStream(file)) {
                copied = copy(upload, out, maxBytes + 1);
            }
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(HEAD_BYTES);
            }
            return new SpooledUpload(file, copied, head);
        } catch (IOException broken) {
            deleteQuietly(file);
            throw new UncheckedIOException("the upload broke off", broken);
        }
    }

    private static long copy(InputStream in, OutputStream out, long limit) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        while (total < limit) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, limit - total));
            if (read < 0) {
                break;
            }
            out.write(buffer, 0, read);
            total += read;
        }
        return total;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public byte[] head() {
        return head.clone();
    }

    @Override
    public Optional<List<String>> zipEntryNames() {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long start = Math.max(0, size - ZIP_TAIL_BYTES);
            ByteBuffer tail = ByteBuffer.allocate((int) (size - start));
            while (tail.hasRemaining() && channel.read(tail, start + tail.position()) > 0) {
                // reads until the tail is full
            }
            return ZipDirectory.entryNames(Arrays.copyOf(tail.array(), tail.position()), start);
        } catch (IOException unreadable) {
            return Optional.empty();
        }
    }

    /** The received bytes, to store them. */
    public InputStream open() {
        try {
            return Files.newInputStream(file);
        } catch (IOException unreadable) {
            throw new UncheckedIOException("the received upload cannot be read", unreadable);
        }
    }

    @Override
    public void close() {
        deleteQuietly(file);
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException leftBehind) {
                file.toFile().deleteOnExit();
            }
        }
    }
}
