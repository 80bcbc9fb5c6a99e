package io.crmkit.crm.interfaces.web;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;

/**
 * The UI shell: one page for every path under {@code /app/}, which routes in the browser. Record links
 * ({@code /app/contacts/42}) therefore work when opened directly or bookmarked.
 */
@WebServlet(urlPatterns = {"/app/*", ""})
public class ShellServlet extends HttpServlet {
    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (request.getServletPath().isEmpty() && request.getPathInfo() != null && !"/".equals(request.getPathInfo())) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        if (!request.getRequestURI().startsWith(request.getContextPath() + "/app/")) {
            response.sendRedirect(request.getContextPath() + "/app/");
            return;
        }
        response.setContentType("text/html");
        response.setCharacterEncoding("UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("Content-Security-Policy",
                // Meta's JS SDK runs Embedded Signup in the browser (script, popup frames, API calls).
                "default-src 'self'; img-src 'self' data: blob: https://*.facebook.com https://*.fbcdn.net;"
                        + " script-src 'self' https://connect.facebook.net; frame-src https://*.facebook.com;"
                        + " connect-src 'self' https://*.facebook.com; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
        try (InputStream page = getServletContext().getResourceAsStream("/WEB-INF/pages/shell.html")) {
            page.transferTo(response.getOutputStream());
        }
    }
}
