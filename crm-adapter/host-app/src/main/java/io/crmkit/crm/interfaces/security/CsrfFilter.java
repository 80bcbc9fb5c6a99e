package io.crmkit.crm.interfaces.security;

import io.crmkit.crm.domain.RefusalText;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.io.IOException;
import java.util.Set;

/**
 * Refuses changes made with a session cookie but without the session's CSRF token, whatever else the request
 * carries (Basic credentials included: a browser may send cached ones with a forged request). Requests
 * without a logged-in session pass; so do the login form (checked by its own token), the webhook and the
 * sandbox's Graph API.
 */
@WebFilter(urlPatterns = "/*", asyncSupported = true)
public class CsrfFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;
    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    @Inject
    CsrfTokens tokens;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (needsToken(request)) {
            HttpSession session = request.getSession(false);
            if (!tokens.matchesSessionToken(session, request.getHeader(CsrfTokens.HEADER))) {
                ProblemResponses.write(request, response, HttpServletResponse.SC_FORBIDDEN, "FORBIDDEN",
                        "Missing CSRF token", RefusalText.CSRF_TOKEN_MISSING, CsrfTokens.HEADER);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private static boolean needsToken(HttpServletRequest request) {
        if (SAFE_METHODS.contains(request.getMethod())) {
            return false;
        }
        HttpSession session = request.getSession(false);
        if (session == null || session.getAttribute(CrmAuthenticationMechanism.SESSION_CALLER) == null) {
            return false;
        }
        String path = CrmAuthenticationMechanism.pathOf(request);
        // The webhook and the sandbox's emulation of Meta's Graph API are called by servers, never with a session.
        return !path.equals(LoginServlet.PATH) && !path.startsWith("/webhooks/") && !path.startsWith("/sandbox/graph/");
    }
}
