package io.crmkit.crm.interfaces.security;

import io.crmkit.crm.domain.RefusalText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.authentication.mechanism.http.HttpAuthenticationMechanism;
import jakarta.security.enterprise.authentication.mechanism.http.HttpMessageContext;
import jakarta.security.enterprise.credential.UsernamePasswordCredential;
import jakarta.security.enterprise.identitystore.CredentialValidationResult;
import jakarta.security.enterprise.identitystore.IdentityStoreHandler;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;

/**
 * How callers prove who they are: browsers log in once on the login page and are then known by their
 * session; API clients send HTTP Basic credentials with every request (no session is created for them).
 *
 * <p>Unauthenticated requests for protected resources get 401 problem+json under {@code /api/}, and a
 * redirect to the login page elsewhere. Password guessing is throttled per user name and client address, per address
 * and per user name ({@link LoginThrottle}): a throttled attempt gets 429 with {@code Retry-After}, before any
 * password is checked. Behind a reverse proxy the client's address is the proxy's word on it when the proxy is
 * trusted ({@link TrustedProxies}).
 */
@ApplicationScoped
public class CrmAuthenticationMechanism implements HttpAuthenticationMechanism {
    static final String SESSION_CALLER = "crm.caller";

    @Inject
    IdentityStoreHandler identityStores;
    @Inject
    CsrfTokens csrfTokens;
    @Inject
    CrmIdentityStore identityStore;

    @Inject
    @ConfigProperty(name = "crm.trusted-proxies")
    Optional<TrustedProxies> trustedProxies;

    private final LoginThrottle throttle = new LoginThrottle(java.time.Clock.systemUTC());

    /** Who is logging in, for throttling: the connection's address, or a trusted proxy's word on it. */
    private String clientAddress(HttpServletRequest request) {
        return trustedProxies.map(proxies -> proxies.clientAddress(request.getRemoteAddr(),
                Optional.ofNullable(request.getHeader("X-Forwarded-For")))).orElse(request.getRemoteAddr());
    }

    @Override
    public AuthenticationStatus validateRequest(HttpServletRequest request, HttpServletResponse response,
                                                HttpMessageContext context) {
        String authorization = request.getHeader("Authorization");
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return basic(authorization.substring(6).trim(), request, response, context);
        }
        if ("POST".equals(request.getMethod()) && LoginServlet.PATH.equals(pathOf(request))) {
            return formLogin(request, response, context);
        }
        HttpSession session = request.getSession(false);
        Object caller = session == null ? null : session.getAttribute(SESSION_CALLER);
        if (caller instanceof String username) {
            return context.notifyContainerAboutLogin(username, Set.of());
        }
        if (!context.isProtected()) {
            return context.doNothing();
        }
        if (pathOf(request).startsWith("/api/")) {
            return unauthorized(request, response, context);
        }
        String target = pathOf(request) + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        return context.redirect(request.getContextPath() + LoginServlet.PATH + "?next="
                + java.net.URLEncoder.encode(target, StandardCharsets.UTF_8));
    }

    private AuthenticationStatus basic(String encoded, HttpServletRequest request, HttpServletResponse response,
                                       HttpMessageContext context) {
        Optional<UsernamePasswordCredential> credential = decodeBasic(encoded);
        if (credential.isEmpty()) {
            return unauthorized(request, response, context);
        }
        String username = credential.get().getCaller();
        String address = clientAddress(request);
        Optional<Duration> wait = identityStore.remembers(credential.get()) ? Optional.empty()
                : throttle.waitBeforeNextAttempt(username, address);
        if (wait.isPresent()) {
            return tooManyAttempts(request, response, wait.get());
        }
        CredentialValidationResult result = identityStores.validate(credential.get());
        return switch (result.getStatus()) {
            case VALID -> {
                throttle.succeeded(username, address);
                yield context.notifyContainerAboutLogin(result);
            }
            case NOT_VALIDATED -> tooManyAttempts(request, response, CrmIdentityStore.BUSY_RETRY_AFTER);
            default -> {
                throttle.failed(username, address);
                yield unauthorized(request, response, context);
            }
        };
    }

    /** 429 with the time to wait, as problem+json: a throttled user name or address, or password checks all busy. */
    private static AuthenticationStatus tooManyAttempts(HttpServletRequest request, HttpServletResponse response,
                                                        Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        response.setHeader("Retry-After", Long.toString(seconds));
        try {
            ProblemResponses.write(request, response, 429, "TOO_MANY_ATTEMPTS", "Too many login attempts",
                    RefusalText.TOO_MANY_LOGINS, seconds);
        } catch (IOException clientGone) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    static Optional<UsernamePasswordCredential> decodeBasic(String encoded) {
        try {
            String pair = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = pair.indexOf(':');
            return colon <= 0 ? Optional.empty()
                    : Optional.of(new UsernamePasswordCredential(pair.substring(0, colon), pair.substring(colon + 1)));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private AuthenticationStatus formLogin(HttpServletRequest request, HttpServletResponse response,
                                           HttpMessageContext context) {
        String next = LoginServlet.safeNext(request.getParameter("next"));
        String username = Optional.ofNullable(request.getParameter("username")).orElse("").strip();
        String password = Optional.ofNullable(request.getParameter("password")).orElse("");
        if (!csrfTokens.matchesLoginToken(request, request.getParameter(CsrfTokens.FORM_FIELD)) || username.isEmpty()) {
            return context.redirect(request.getContextPath() + LoginServlet.PATH + "?error=expired&next=" + encode(next));
        }
        String address = clientAddress(request);
        Optional<Duration> wait = throttle.waitBeforeNextAttempt(username, address);
        if (wait.isPresent()) {
            return tooManyAttempts(request, response, wait.get());
        }
        CredentialValidationResult result = identityStores.validate(new UsernamePasswordCredential(username, password));
        if (result.getStatus() == CredentialValidationResult.Status.NOT_VALIDATED) {
            return tooManyAttempts(request, response, CrmIdentityStore.BUSY_RETRY_AFTER);
        }
        if (result.getStatus() != CredentialValidationResult.Status.VALID) {
            throttle.failed(username, address);
            return context.redirect(request.getContextPath() + LoginServlet.PATH + "?error=credentials&next=" + encode(next));
        }
        throttle.succeeded(username, address);
        csrfTokens.forgetLoginToken(request, response);
        request.getSession(true);
        request.changeSessionId();
        HttpSession session = request.getSession();
        session.setAttribute(SESSION_CALLER, result.getCallerPrincipal().getName());
        csrfTokens.issueSessionToken(session);
        return context.notifyContainerAboutLogin(result);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static AuthenticationStatus unauthorized(HttpServletRequest request, HttpServletResponse response,
                                                     HttpMessageContext context) {
        // Only API clients are challenged: a browser would ask for credentials and then send them with every
        // request to this site, cross-site forms included (Basic credentials are ambient, like cookies).
        if (!fromABrowser(request)) {
            response.setHeader("WWW-Authenticate", "Basic realm=\"crm\", charset=\"UTF-8\"");
        }
        try {
            ProblemResponses.write(request, response, HttpServletResponse.SC_UNAUTHORIZED, "UNAUTHORIZED",
                    "Not logged in", RefusalText.LOG_IN);
        } catch (IOException clientGone) {
            return AuthenticationStatus.SEND_FAILURE;
        }
        return AuthenticationStatus.SEND_FAILURE;
    }

    /** The shell's scripts, a page navigation or anything a browser sends says so in its headers. */
    private static boolean fromABrowser(HttpServletRequest request) {
        String accept = Optional.ofNullable(request.getHeader("Accept")).orElse("");
        return request.getHeader(CsrfTokens.HEADER) != null || request.getHeader("X-Requested-With") != null
                || request.getHeader("Sec-Fetch-Mode") != null || accept.contains("text/html");
    }

    static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
