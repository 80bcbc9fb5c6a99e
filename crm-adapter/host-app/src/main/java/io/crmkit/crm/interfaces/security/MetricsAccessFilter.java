package io.crmkit.crm.interfaces.security;

import io.crmkit.crm.application.UserAdministration;
import io.crmkit.crm.domain.RefusalText;
import io.crmkit.crm.domain.UserAccount;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebFilter;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * {@code /metrics} tells how busy the installation is and what fails: only administrators see it, or a
 * monitoring system that sends the configured scrape token ({@code CRM_METRICS_TOKEN}) as a Bearer token.
 */
@WebFilter(urlPatterns = {"/metrics", "/metrics/*"}, asyncSupported = true)
public class MetricsAccessFilter extends HttpFilter {
    private static final long serialVersionUID = 1L;

    @Inject
    @ConfigProperty(name = "crm.metrics.token")
    Optional<String> scrapeToken;
    @Inject
    UserAdministration users;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (presentsTheScrapeToken(request) || isAdministrator(request)) {
            chain.doFilter(request, response);
            return;
        }
        boolean anonymous = request.getUserPrincipal() == null;
        ProblemResponses.write(request, response, anonymous ? 401 : 403, anonymous ? "UNAUTHORIZED" : "FORBIDDEN",
                anonymous ? "Not logged in" : "Administrators only", RefusalText.METRICS_FOR_ADMINISTRATORS);
    }

    private boolean presentsTheScrapeToken(HttpServletRequest request) {
        String authorization = Optional.ofNullable(request.getHeader("Authorization")).orElse("");
        return scrapeToken.filter(token -> !token.isBlank()).isPresent()
                && authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                && MessageDigest.isEqual(scrapeToken.get().getBytes(StandardCharsets.UTF_8),
                authorization.substring(7).strip().getBytes(StandardCharsets.UTF_8));
    }

    private boolean isAdministrator(HttpServletRequest request) {
        return Optional.ofNullable(request.getUserPrincipal())
                .flatMap(principal -> users.findByUsername(principal.getName()))
                .filter(UserAccount::isActive)
                .map(user -> users.isActiveAdministrator(user.organisationId(), user.id()))
                .orElse(false);
    }
}
