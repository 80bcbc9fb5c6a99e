package io.crmkit.crm.interfaces.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BoundedBodyTest {

    /** An endless body of zeros that counts what was taken from it. */
    private static final class Endless extends InputStream {
        final AtomicLong taken = new AtomicLong();

        @Override
        public int read() {
            taken.incrementAndGet();
            return 0;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            taken.addAndGet(length);
            java.util.Arrays.fill(buffer, offset, offset + length, (byte) 0);
            return length;
        }
    }

    @Test
    void aSmallBodyIsKeptInMemoryAndGivenBackWhole(@TempDir Path folder) throws IOException {
        byte[] json = "{\"text\":\"こんにちは\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        try (BoundedBody body = BoundedBody.read(new ByteArrayInputStream(json), 1024, folder).orElseThrow()) {
            assertEquals(json.length, body.size());
            assertArrayEquals(json, body.open().readAllBytes());
        }
        try (var files = Files.list(folder)) {
            assertEquals(0, files.count(), "nothing on disk");
        }
    }

    @Test
    void aLargeBodyWithinTheLimitIsSpilledToDiskAndDeletedAfterwards(@TempDir Path folder) throws IOException {
        byte[] file = new byte[3 * BoundedBody.IN_MEMORY + 17];
        new java.util.Random(7).nextBytes(file);
        BoundedBody body = BoundedBody.read(new ByteArrayInputStream(file), file.length, folder).orElseThrow();
        assertArrayEquals(file, body.open().readAllBytes());
        body.close();
        try (var files = Files.list(folder)) {
            assertEquals(0, files.count(), "the spilled part is deleted with the request");
        }
    }

    @Test
    void anEndlessBodyIsRefusedJustPastItsLimitWithNothingLeftOnDisk(@TempDir Path folder) throws IOException {
        long limit = 4L << 20;
        Endless endless = new Endless();
        Optional<BoundedBody> body = BoundedBody.read(endless, limit, folder);
        assertTrue(body.isEmpty());
        assertTrue(endless.taken.get() <= limit + 64 * 1024, "read " + endless.taken.get() + " bytes of an endless body");
        try (var files = Files.list(folder)) {
            assertEquals(0, files.count(), "the refused body's part on disk is deleted at once");
        }
    }

    @Test
    void aBodyOfExactlyTheLimitIsTaken(@TempDir Path folder) throws IOException {
        assertTrue(BoundedBody.read(new ByteArrayInputStream(new byte[1000]), 1000, folder).isPresent());
        assertTrue(BoundedBody.read(new ByteArrayInputStream(new byte[1001]), 1000, folder).isEmpty());
    }
}
