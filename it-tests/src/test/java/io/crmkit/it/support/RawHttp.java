package io.crmkit.it.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 over a bare socket, for requests an ordinary client will not send or whose answer it will not read
 * before it has sent everything: a server may refuse a body before reading it, as it should, and answer early.
 * The body is written on another thread while the answer is read.
 */
public final class RawHttp {
    private static final Pattern STATUS = Pattern.compile("^HTTP/1\\.1 (\\d{3})");
    private static final Pattern CODE = Pattern.compile("\"code\"\\s*:\\s*\"([A-Z_]+)\"");

    private RawHttp() {
    }

    /** The answer's status and problem code (empty when none). */
    public record Answer(int status, String code, String text) {
    }

    /**
     * Sends the request line and headers (without the closing blank line, which is added) and then the body,
     * and answers what the server said, within 15 seconds.
     */
    public static Answer exchange(URL base, String requestLineAndHeaders, byte[] body) {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(15_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                try {
                    out.write((requestLineAndHeaders + "\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n\r\n")
                            .getBytes(StandardCharsets.ISO_8859_1));
                    out.write(body);
                    out.flush();
                } catch (IOException refusedMidway) {
                    // the server answered and closed before taking everything: what the test looks at
                }
            });
            writer.setDaemon(true);
            writer.start();
            String text = readAnswer(socket);
            Matcher status = STATUS.matcher(text);
            if (!status.find()) {
                throw new AssertionError("no HTTP answer: " + text);
            }
            Matcher code = CODE.matcher(text);
            return new Answer(Integer.parseInt(status.group(1)), code.find() ? code.group(1) : "", text);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** The server's answer to an endless chunked body, and how much of it had been sent when the answer came. */
    public record ChunkedAnswer(Answer answer, long sentBeforeAnswer) {
    }

    /**
     * Sends the request line and headers with {@code Transfer-Encoding: chunked} (added here), then up to {@code bytes}
     * bytes of {@code filler} in chunks of 64 KB, never held whole, and answers what the server said, within 30 s.
     */
    public static ChunkedAnswer exchangeChunked(URL base, String requestLineAndHeaders, long bytes, byte filler) {
        java.util.concurrent.atomic.AtomicLong sent = new java.util.concurrent.atomic.AtomicLong();
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            Thread writer = new Thread(() -> {
                byte[] chunk = new byte[65_536];
                java.util.Arrays.fill(chunk, filler);
                byte[] size = (Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    out.write((requestLineAndHeaders + "\r\nTransfer-Encoding: chunked\r\nHost: " + base.getHost() + ":"
                            + base.getPort() + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                    while (sent.get() < bytes) {
                        out.write(size);
                        out.write(chunk);
                        out.write(new byte[]{'\r', '\n'});
                        sent.addAndGet(chunk.length);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                } catch (IOException refusedMidway) {
                    // the server answered and closed before taking everything: what the test looks at
                }
            });
            writer.setDaemon(true);
            writer.start();
            InputStream in = socket.getInputStream();
            int first = in.read();
            long sentBeforeAnswer = sent.get();
            String text = first == -1 ? "" : (char) first + readAnswer(socket);
            Matcher status = STATUS.matcher(text);
            if (!status.find()) {
                throw new AssertionError("no HTTP answer after " + sentBeforeAnswer + " bytes: " + text);
            }
            Matcher code = CODE.matcher(text);
            return new ChunkedAnswer(new Answer(Integer.parseInt(status.group(1)), code.find() ? code.group(1) : "", text),
                    sentBeforeAnswer);
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        }
    }

    /** What arrives until the server closes, pauses for a moment after its headers, or 64 KB have come. */
    private static String readAnswer(Socket socket) throws IOException {
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; answer.size() < 65_536 && (n = in.read(buffer)) != -1; ) {
                answer.write(buffer, 0, n);
                if (answer.toString(StandardCharsets.ISO_8859_1).contains("\r\n\r\n")) {
                    socket.setSoTimeout(1_500);
                }
            }
        } catch (SocketTimeoutException | java.net.SocketException stoppedOrReset) {
            // what came before is the answer
        }
        return answer.toString(StandardCharsets.UTF_8);
    }
}
