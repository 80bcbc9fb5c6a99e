package io.crmkit.it;

import io.crmkit.crm.application.OrganisationSetup;
import io.crmkit.crm.application.UserAdministration;
import io.crmkit.it.support.Deployments;
import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.contract.HostServicesContract;
import jakarta.inject.Inject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.UUID;

/**
 * The reference host's adapter passes plugin-api's contract test kit, run inside the deployed application
 * against its real services and database.
 */
@ExtendWith(ArquillianExtension.class)
class ReferenceAdapterContractIT extends HostServicesContract {

    @Deployment
    static WebArchive application() {
        return Deployments.application()
                .addClasses(ReferenceAdapterContractIT.class, HostServicesContract.class);
    }

    /** Created once in the container: the contract needs a second organisation to prove isolation. */
    private static volatile long otherOrganisation;

    @Inject
    CrmHost host;
    @Inject
    OrganisationSetup setup;
    @Inject
    UserAdministration users;

    @Override
    protected CrmHost host() {
        return host;
    }

    @Override
    protected long organisationId() {
        return users.findByUsername("admin").orElseThrow().organisationId();
    }

    @Override
    protected long administratorId() {
        return users.findByUsername("admin").orElseThrow().id();
    }

    @Override
    protected synchronized long otherOrganisationId() {
        if (otherOrganisation == 0) {
            otherOrganisation = setup.create("Contract Other", "JP",
                    "contract-" + UUID.randomUUID().toString().substring(0, 8), "contract-password").organisation().id();
        }
        return otherOrganisation;
    }
}
