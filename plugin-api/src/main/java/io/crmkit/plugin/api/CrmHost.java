package io.crmkit.plugin.api;

import java.util.Optional;

/**
 * The host CRM as seen by a plugin: the caller of the current request, and the services of each
 * organisation. One instance per application; thread-safe.
 */
public interface CrmHost {

    /** Version of this contract implemented by the host, for example {@code "1.0"}. */
    String apiVersion();

    /**
     * The authenticated user of the current HTTP request. Empty outside a request (schedulers, webhook
     * processing) and for anonymous requests.
     */
    Optional<CurrentUser> currentUser();

    /**
     * The services of one organisation.
     *
     * @throws RecordNotFoundException when the host has no organisation with this id
     */
    OrganisationServices organisation(long organisationId);

    /** Links from plugin screens to the host's own record pages. */
    RecordLinks links();
}
