package io.crmkit.crm.interfaces.security;

import io.crmkit.crm.application.UserAdministration;
import io.crmkit.crm.domain.UserAccount;
import io.crmkit.plugin.api.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.security.enterprise.SecurityContext;
import jakarta.servlet.http.HttpServletRequest;

import java.security.Principal;
import java.util.Locale;
import java.util.Optional;

/** The authenticated caller of the current request, as the host and its plugins see it. */
@RequestScoped
public class CallerContext {
    /** Cookie in which the shell keeps the language the user chose ({@code en} or {@code ja}). */
    public static final String LANGUAGE_COOKIE = "crm-lang";

    @Inject
    SecurityContext securityContext;
    @Inject
    UserAdministration users;
    @Inject
    HttpServletRequest request;

    private Optional<CurrentUser> resolved;

    public Optional<CurrentUser> currentUser() {
        if (resolved == null) {
            resolved = Optional.ofNullable(securityContext.getCallerPrincipal())
                    .map(Principal::getName)
                    .flatMap(users::findByUsername)
                    .filter(UserAccount::isActive)
                    .map(this::toCurrentUser);
        }
        return resolved;
    }

    /** The caller, or a refusal that becomes 401 for a request that somehow arrived without one. */
    public CurrentUser require() {
        return currentUser().orElseThrow(NotAuthenticatedException::new);
    }

    private CurrentUser toCurrentUser(UserAccount user) {
        boolean administrator = users.isActiveAdministrator(user.organisationId(), user.id());
        return new CurrentUser(user.id(), user.organisationId(), user.username(), user.profileId(), administrator,
                language());
    }

    /** The language the caller reads the UI in: the shell's choice, else the browser's; English or Japanese. */
    public Locale language() {
        return languageOf(request);
    }

    /** The language of whoever sent {@code request}, as {@link #language()} decides it. */
    public static Locale languageOf(HttpServletRequest request) {
        if (request.getCookies() != null) {
            for (var cookie : request.getCookies()) {
                if (LANGUAGE_COOKIE.equals(cookie.getName())) {
                    return "ja".equals(cookie.getValue()) ? Locale.JAPANESE : Locale.ENGLISH;
                }
            }
        }
        return "ja".equals(request.getLocale().getLanguage()) ? Locale.JAPANESE : Locale.ENGLISH;
    }

    /** No authenticated caller where one is required. */
    public static class NotAuthenticatedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public NotAuthenticatedException() {
            super("not logged in");
        }
    }
}
