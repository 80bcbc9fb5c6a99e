package io.crmkit.crm.interfaces.security;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;

/**
 * Tokens against cross-site request forgery. The login form carries a token that its own cookie repeats (no
 * session exists before login); a logged-in session gets a token of its own, which the shell sends in
 * {@value #HEADER} with every change.
 */
@ApplicationScoped
public class CsrfTokens {
    public static final String HEADER = "X-CSRF-Token";
    static final String FORM_FIELD = "csrf";
    private static final String LOGIN_COOKIE = "crm_login_csrf";
    private static final Duration LOGIN_TOKEN_LIFETIME = Duration.ofHours(1);
    private static final String SESSION_ATTRIBUTE = "crm.csrf";
    private static final SecureRandom RANDOM = new SecureRandom();

    /**
     * A token for the login form, also set as a cookie that only this site's login page receives (double
     * submit): the form proves it came from our page without a server session, which exists only after login.
     */
    String issueLoginToken(HttpServletRequest request, HttpServletResponse response) {
        String token = newToken();
        response.addHeader("Set-Cookie", loginCookie(request, token, LOGIN_TOKEN_LIFETIME));
        return token;
    }

    boolean matchesLoginToken(HttpServletRequest request, String presented) {
        return Optional.ofNullable(request.getCookies()).stream().flatMap(Arrays::stream)
                .filter(cookie -> LOGIN_COOKIE.equals(cookie.getName()))
                .anyMatch(cookie -> equalTokens(cookie.getValue(), presented));
    }

    void forgetLoginToken(HttpServletRequest request, HttpServletResponse response) {
        response.addHeader("Set-Cookie", loginCookie(request, "", Duration.ZERO));
    }

    private static String loginCookie(HttpServletRequest request, String value, Duration lifetime) {
        return LOGIN_COOKIE + "=" + value + "; Path=" + request.getContextPath() + LoginServlet.PATH + "; Max-Age="
                + lifetime.toSeconds() + "; HttpOnly; SameSite=Strict" + (request.isSecure() ? "; Secure" : "");
    }

    void issueSessionToken(HttpSession session) {
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
