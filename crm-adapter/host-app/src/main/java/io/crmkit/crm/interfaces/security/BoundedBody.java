package io.crmkit.crm.interfaces.security;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A request body of unknown length (chunked), read whole before the application sees it, and refused as soon as it
 * passes its limit: held in memory up to {@value #IN_MEMORY} bytes, on disk beyond. Without it a chunked body, which
 * announces no length, would be read by whoever consumes it, to any size.
 */
final class BoundedBody implements AutoCloseable {
    static final int IN_MEMORY = 1 << 20;

    private final byte[] head;
    private final Optional<Path> rest;
    private final long size;

    private BoundedBody(byte[] head, Optional<Path> rest, long size) {
        this.head = head;
        this.rest = rest;
        this.size = size;
    }

    /**
     * Reads all of {@code in}; empty as soon as more than {@code max} bytes came, with nothing of it left on disk.
     *
     * @param folder where a body larger than {@value #IN_MEMORY} bytes is kept while the request runs
     */
    static Optional<BoundedBody> read(InputStream in, long max, Path folder) throws IOException {
        byte[] head = in.readNBytes((int) Math.min(IN_MEMORY, max + 1));
        if (head.length > max) {
            return Optional.empty();
        }
        if (head.length < IN_MEMORY) {
            return Optional.of(new BoundedBody(head, Optional.empty(), head.length));
        }
        Path spilled = Files.createTempFile(folder, "request-body", ".part");
        boolean kept = false;
        try (OutputStream out = Files.newOutputStream(spilled)) {
            long total = head.length;
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) != -1; ) {
                total += n;
                if (total > max) {
                    return Optional.empty();
                }
                out.write(buffer, 0, n);
            }
            kept = true;
            return Optional.of(new BoundedBody(head, Optional.of(spilled), total));
        } finally {
            if (!kept) {
                Files.deleteIfExists(spilled);
            }
        }
    }

    long size() {
        return size;
    }

    /** The body from its first byte. */
    InputStream open() {
        InputStream first = new ByteArrayInputStream(head);
        if (rest.isEmpty()) {
            return first;
        }
        try {
            return new SequenceInputStream(first, Files.newInputStream(rest.get()));
        } catch (IOException unreadable) {
            throw new UncheckedIOException(unreadable);
        }
    }

    /** Deletes what was kept on disk. */
    @Override
    public void close() throws IOException {
        if (rest.isPresent()) {
            Files.deleteIfExists(rest.get());
        }
    }
}
