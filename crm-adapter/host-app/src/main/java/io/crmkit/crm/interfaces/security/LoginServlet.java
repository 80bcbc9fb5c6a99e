package io.crmkit.crm.interfaces.security;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * The login page. GET shows the form with a fresh CSRF token; a POST reaches this servlet only after
 * {@link CrmAuthenticationMechanism} accepted the credentials, and continues to where the user was going.
 */
@WebServlet(urlPatterns = LoginServlet.PATH)
public class LoginServlet extends HttpServlet {
    static final String PATH = "/login";
    private static final long serialVersionUID = 1L;
    private static final String HOME = "/app/";

    @Inject
    CsrfTokens csrfTokens;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String template;
        try (InputStream page = getServletContext().getResourceAsStream("/WEB-INF/pages/login.html")) {
            template = new String(page.readAllBytes(), StandardCharsets.UTF_8);
        }
        String error = request.getParameter("error");
        response.setContentType("text/html");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(template
                .replace("{{csrf}}", html(csrfTokens.issueLoginToken(request, response)))
                .replace("{{next}}", html(safeNext(request.getParameter("next"))))
                .replace("{{error}}", "credentials".equals(error) || "expired".equals(error) ? error : ""));
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.sendRedirect(request.getContextPath() + safeNext(request.getParameter("next")));
    }

    /** Only paths on this server are followed after login, never another site (open redirect). */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/") || next.startsWith("//") || next.contains("\\")
                || next.startsWith(PATH)) {
            return HOME;
        }
        return next;
    }

    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
