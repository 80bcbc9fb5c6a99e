package io.crmkit.whatsapp.interfaces.rest;

import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.whatsapp.application.Permissions;
import io.crmkit.whatsapp.domain.ProblemCode;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Who is calling, and the authorisation checks every plugin endpoint starts with. */
@ApplicationScoped
public class Callers {
    @Inject
    CrmHost host;

    /** The logged-in caller (the host has already answered 401 to anyone else). */
    public CurrentUser user() {
        return host.currentUser().orElseThrow(() -> new Refusal(ProblemCode.FORBIDDEN, RefusalText.LOG_IN_FIRST));
    }

    public CurrentUser administrator() {
        CurrentUser user = user();
        Permissions.requireAdministrator(user);
        return user;
    }
}
