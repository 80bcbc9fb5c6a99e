package io.crmkit.it.support;

import io.crmkit.plugin.api.BaseUrl;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a browser does, without one: keeps cookies, logs in through the login form with its token, and sends
 * requests with the session cookie. Redirects are not followed, so that tests see them.
 */
public final class BrowserSession {
    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");

    private final BaseUrl root;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http;

    /** The client's address as a trusted reverse proxy tells it, when it is behind one (see {@link ApiClient#forwardedFor}). */
    private final java.util.Optional<String> forwardedFor;

    public BrowserSession(URL base) {
        this(base, java.util.Optional.empty());
    }

    /** A browser behind a reverse proxy that names {@code clientAddress} in {@code X-Forwarded-For}. */
    public static BrowserSession behindProxyAs(URL base, String clientAddress) {
        return new BrowserSession(base, java.util.Optional.of(clientAddress));
    }

    private BrowserSession(URL base, java.util.Optional<String> forwardedFor) {
        this.forwardedFor = forwardedFor;
        this.root = BaseUrl.of(base);
        this.http = HttpClient.newBuilder().cookieHandler(cookies).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI resolve(String path) {
        return root.resolve(path);
    }

    /** The login page's form token (the page sets its cookie). */
    public String loginFormToken() {
        Matcher matcher = FORM_TOKEN.matcher(send(HttpRequest.newBuilder(resolve("login")).build()).body());
        if (!matcher.find()) {
            throw new AssertionError("the login form carries no CSRF token");
        }
        return matcher.group(1);
    }

    /** Posts the login form as a person would; answers the server's response (a redirect when it worked). */
    public HttpResponse<String> logIn(String username, String password) {
        return postForm("login", "csrf=" + loginFormToken() + "&username=" + username + "&password=" + password);
    }

    public HttpResponse<String> postForm(String path, String body) {
        return send(HttpRequest.newBuilder(resolve(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** The logged-in session's CSRF token, as the shell reads it. */
    public String sessionToken() {
        String session = send(HttpRequest.newBuilder(resolve("api/crm/session")).build()).body();
        return jakarta.json.Json.createReader(new StringReader(session)).readObject().getString("csrfToken");
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            if (forwardedFor.isPresent()) {
                request = HttpRequest.newBuilder(request, (name, value) -> true)
                        .header("X-Forwarded-For", forwardedFor.get()).build();
            }
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException failed) {
            throw new UncheckedIOException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
