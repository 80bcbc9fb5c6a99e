package io.crmkit.crm.interfaces.security;

import io.crmkit.crm.domain.RefusalText;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.util.Locale;

/**
 * Refuses request bodies larger than anything the application takes, before reading them: uploads of files
 * ({@code multipart/form-data}) up to Meta's largest file, 100 MB, and their form fields; everything else
 * (JSON, webhooks of at most 3 MB) up to {@value #OTHER_MAX_BYTES} bytes. Answers 413 {@code PAYLOAD_TOO_LARGE}.
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
            response.setHeader("Connection", "close");
            ProblemResponses.write(request, response, 413, "PAYLOAD_TOO_LARGE", "Request too large",
                    RefusalText.REQUEST_TOO_LARGE, max >> 20);
            return;
        }
        chain.doFilter(request, response);
    }
}
