package io.crmkit.whatsapp.interfaces.rest;

import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.whatsapp.domain.ProblemCode;
import io.crmkit.whatsapp.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Who is calling, and the authorisation checks every plugin endpoint starts with. */
@ApplicationScoped
public class Callers {
    @Inject
    CrmHost host;

    /** The logged-in caller (the host has already answered 401 to anyone else). */
    public CurrentUser user() {
        return host.currentUser().orElseThrow(() -> new Refusal(ProblemCode.FORBIDDEN, "log in first"));
    }

    public CurrentUser administrator() {
        CurrentUser user = user();
        if (!user.administrator()) {
            throw new Refusal(ProblemCode.FORBIDDEN,
                    "only administrators manage WhatsApp settings: ask one of your administrators");
        }
        return user;
    }
}
