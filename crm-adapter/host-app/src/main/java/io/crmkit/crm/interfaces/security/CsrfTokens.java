package io.crmkit.crm.interfaces.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Synchroniser tokens against cross-site request forgery. The login form carries a token bound to the
 * pre-login session; after login a new session gets a new token, which the shell sends in
 * {@value #HEADER} with every change.
 */
@ApplicationScoped
public class CsrfTokens {
    public static final String HEADER = "X-CSRF-Token";
    static final String FORM_FIELD = "csrf";
    private static final String LOGIN_ATTRIBUTE = "crm.csrf.login";
    private static final String SESSION_ATTRIBUTE = "crm.csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    String issueLoginToken(HttpServletRequest request) {
        String token = newToken();
        request.getSession(true).setAttribute(LOGIN_ATTRIBUTE, token);
        return token;
    }

    boolean matchesLoginToken(HttpServletRequest request, String presented) {
        HttpSession session = request.getSession(false);
        return session != null && equalTokens(session.getAttribute(LOGIN_ATTRIBUTE), presented);
    }

    void issueSessionToken(HttpSession session) {
        session.removeAttribute(LOGIN_ATTRIBUTE);
        session.setAttribute(SESSION_ATTRIBUTE, newToken());
    }

    /** The token of a logged-in session, for the shell to send back. */
    public String sessionToken(HttpSession session) {
        return (String) session.getAttribute(SESSION_ATTRIBUTE);
    }

    boolean matchesSessionToken(HttpSession session, String presented) {
        return equalTokens(session.getAttribute(SESSION_ATTRIBUTE), presented);
    }

    private static boolean equalTokens(Object expected, String presented) {
        return expected instanceof String token && presented != null
                && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8));
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
