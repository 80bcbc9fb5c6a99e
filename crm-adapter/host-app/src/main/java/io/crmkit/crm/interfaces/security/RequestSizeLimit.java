package io.crmkit.crm.interfaces.security;

import io.crmkit.crm.domain.RefusalText;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses request bodies larger than anything the application takes, whatever their framing: uploads of files
 * ({@code multipart/form-data}) up to Meta's largest file, 100 MB, and their form fields; everything else (JSON,
 * webhooks of at most 3 MB) up to {@value #OTHER_MAX_BYTES} bytes. A body that announces its length is refused before
 * it is read; a chunked one, which does not, is read here up to the limit and refused as soon as it passes it, so no
 * part of the application (the sandbox and the webhook included) reads more. Answers 413 {@code PAYLOAD_TOO_LARGE}
 * and closes the connection.
 */
public class RequestSizeLimit extends HttpFilter {
    private static final long serialVersionUID = 1L;
    static final long UPLOAD_MAX_BYTES = (100L << 20) + (1L << 20);
    static final long OTHER_MAX_BYTES = 4L << 20;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
        long max = type.startsWith("multipart/form-data") ? UPLOAD_MAX_BYTES : OTHER_MAX_BYTES;
        if (request.getContentLengthLong() > max) {
            refuse(request, response, max);
            return;
        }
        if (request.getContentLengthLong() >= 0 || request.getHeader("Transfer-Encoding") == null) {
            chain.doFilter(request, response);
            return;
        }
        Optional<BoundedBody> body = BoundedBody.read(request.getInputStream(), max,
                Path.of(System.getProperty("java.io.tmpdir")));
        if (body.isEmpty()) {
            refuse(request, response, max);
            return;
        }
        try (BoundedBody read = body.get()) {
            chain.doFilter(new ReadBody(request, read), response);
        }
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, long max) throws IOException {
        response.setHeader("Connection", "close");
        ProblemResponses.write(request, response, 413, "PAYLOAD_TOO_LARGE", "Request too large",
                RefusalText.REQUEST_TOO_LARGE, max >> 20);
    }

    /** The request with its chunked body, already read within the limit, as if it had announced its length. */
    private static final class ReadBody extends HttpServletRequestWrapper {
        private final BoundedBody body;
        private ServletInputStream stream;

        ReadBody(HttpServletRequest request, BoundedBody body) {
            super(request);
            this.body = body;
        }

        @Override
        public long getContentLengthLong() {
            return body.size();
        }

        @Override
        public int getContentLength() {
            return body.size() > Integer.MAX_VALUE ? -1 : (int) body.size();
        }

        @Override
        public ServletInputStream getInputStream() {
            if (stream == null) {
                stream = new Replayed(body.open());
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() {
            Charset charset = getCharacterEncoding() == null ? StandardCharsets.ISO_8859_1
                    : Charset.forName(getCharacterEncoding());
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }
    }

    /** A body already at hand, read by the application as blocking I/O. */
    private static final class Replayed extends ServletInputStream {
        private final InputStream in;
        private boolean finished;

        Replayed(InputStream in) {
            this.in = in;
        }

        @Override
        public int read() throws IOException {
            int next = in.read();
            finished = next == -1;
            return next;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            finished = n == -1;
            return n;
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("the body was read before the application: read it with blocking I/O");
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
