package io.crmkit.crm.adapter;

import io.crmkit.crm.application.Organisations;
import io.crmkit.crm.domain.UnknownRecordException;
import io.crmkit.crm.interfaces.security.CallerContext;
import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.plugin.api.OrganisationServices;
import io.crmkit.plugin.api.RecordLinks;
import io.crmkit.plugin.api.RecordNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;

import java.net.URI;
import java.util.Optional;

/** The host as plugins see it. */
@ApplicationScoped
public class ReferenceCrmHost implements CrmHost {
    @Inject
    CallerContext caller;
    @Inject
    Organisations organisations;
    @Inject
    AdaptedServices services;

    @Override
    public String apiVersion() {
        return "1.0";
    }

    @Override
    public Optional<CurrentUser> currentUser() {
        try {
            return caller.currentUser();
        } catch (ContextNotActiveException outsideARequest) {
            return Optional.empty();
        }
    }

    @Override
    public OrganisationServices organisation(long organisationId) {
        try {
            organisations.get(organisationId);
        } catch (UnknownRecordException unknown) {
            throw new RecordNotFoundException("organisation", organisationId);
        }
        return services.forOrganisation(organisationId);
    }

    @Override
    public RecordLinks links() {
        return record -> URI.create("/app/" + record.module().pathSegment() + "/" + record.id());
    }
}
