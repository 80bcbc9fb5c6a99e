package io.crmkit.it.secondhost;

import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.plugin.spi.PluginContext;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.security.enterprise.identitystore.Pbkdf2PasswordHash;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Signs callers in with HTTP Basic: everything under {@code /api} needs a user of the second host; the sandbox serves
 * signed-in users and answers anonymous ones itself. The caller's language is the browser's (English or Japanese).
 */
@WebFilter(urlPatterns = {"/api/*", "/sandbox/*"}, asyncSupported = true)
public class SecondHostLogin extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Resource(lookup = PluginContext.DATA_SOURCE_JNDI_NAME)
    DataSource dataSource;
    @Inject
    Pbkdf2PasswordHash passwords;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Optional<CurrentUser> caller = signedIn(request);
        if (caller.isEmpty() && request.getServletPath().startsWith("/api")) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setContentType("application/problem+json");
            response.getWriter().write("{\"status\":401,\"code\":\"UNAUTHENTICATED\",\"title\":\"Sign in first\"}");
            return;
        }
        caller.ifPresent(SecondHost::serve);
        try {
            chain.doFilter(request, response);
        } finally {
            SecondHost.served();
        }
    }

    private Optional<CurrentUser> signedIn(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        String credentials;
        try {
            credentials = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        int colon = credentials.indexOf(':');
        if (colon < 0) {
            return Optional.empty();
        }
        String login = credentials.substring(0, colon);
        char[] password = credentials.substring(colon + 1).toCharArray();
        Locale language = "ja".equals(request.getLocale().getLanguage()) ? Locale.JAPANESE : Locale.ENGLISH;
        record Account(CurrentUser user, String passwordHash) {
        }
        return new Sql(dataSource).one("select u.id, u.organisation_id, u.profile_id, p.administrator, u.password_hash"
                        + " from second_host.person u join second_host.profile p on p.id = u.profile_id"
                        + " where u.login = ? and u.active", row -> new Account(new CurrentUser(row.getLong("id"),
                        row.getLong("organisation_id"), login, row.getLong("profile_id"), row.getBoolean("administrator"),
                        language), row.getString("password_hash")), login)
                .filter(account -> passwords.verify(password, account.passwordHash()))
                .map(Account::user);
    }
}
