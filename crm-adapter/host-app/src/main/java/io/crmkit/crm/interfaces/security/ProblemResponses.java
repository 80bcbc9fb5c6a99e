package io.crmkit.crm.interfaces.security;

import io.crmkit.crm.domain.RefusalText;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Problem+json answers written by servlet-level code (authentication, CSRF), matching the REST layer's. */
final class ProblemResponses {
    private ProblemResponses() {
    }

    /** Writes the problem, its detail in the language the request's user reads the UI in. */
    static void write(HttpServletRequest request, HttpServletResponse response, int status, String code, String title,
                      RefusalText detail, Object... arguments) throws IOException {
        response.setStatus(status);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentType("application/problem+json");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", title)
                .add("status", status)
                .add("detail", detail.format(CallerContext.languageOf(request), arguments))
                .add("code", code)
                .build().toString());
    }
}
