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

    public CurrentUser administrator() {
        CurrentUser user = host.currentUser().orElseThrow(() -> new Refusal(ProblemCode.FORBIDDEN, "log in first"));
        if (!user.administrator()) {
            throw new Refusal(ProblemCode.FORBIDDEN,
                    "only administrators manage WhatsApp settings: ask one of your administrators");
        }
        return user;
    }
}
