package io.crmkit.plugin.api;

import java.util.Locale;
import java.util.Objects;

/**
 * The authenticated caller of a request.
 *
 * @param userId         the host's id of the user
 * @param organisationId the organisation the user works in; a plugin scopes everything it reads by it
 * @param username       the login name
 * @param profileId      the user's profile, to which plugins grant their own permissions
 * @param administrator  whether the profile is the host's administrator profile (full access everywhere)
 * @param locale         the language the user reads the UI in
 */
public record CurrentUser(long userId, long organisationId, String username, long profileId,
                          boolean administrator, Locale locale) {
    public CurrentUser {
        Objects.requireNonNull(username, "username");
        Objects.requireNonNull(locale, "locale");
    }
}
