package io.crmkit.crm.adapter;

import io.crmkit.crm.application.CompanyService;
import io.crmkit.crm.application.ContactService;
import io.crmkit.crm.application.Cursors;
import io.crmkit.crm.application.DealService;
import io.crmkit.crm.application.FakePaymentProcessor;
import io.crmkit.crm.application.NoteService;
import io.crmkit.crm.application.Organisations;
import io.crmkit.crm.application.Slice;
import io.crmkit.crm.application.UserAdministration;
import io.crmkit.crm.domain.InvalidInputException;
import io.crmkit.crm.domain.UnknownRecordException;
import io.crmkit.crm.interfaces.security.CallerContext;
import io.crmkit.plugin.api.InvalidRecordException;
import io.crmkit.plugin.api.OrganisationServices;
import io.crmkit.plugin.api.Page;
import io.crmkit.plugin.api.PageRequest;
import io.crmkit.plugin.api.PaymentService;
import io.crmkit.plugin.api.PermissionCheck;
import io.crmkit.plugin.api.RecordNotFoundException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.inject.Inject;

import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Builds the per-organisation services of plugin API v1 over the host's application services. Host
 * exceptions become API exceptions here, at the border.
 */
@ApplicationScoped
public class AdaptedServices {
    @Inject
    Organisations organisations;
    @Inject
    ContactService contacts;
    @Inject
    CompanyService companies;
    @Inject
    DealService deals;
    @Inject
    NoteService notes;
    @Inject
    UserAdministration users;
    @Inject
    FakePaymentProcessor payments;

    OrganisationServices forOrganisation(long organisationId) {
        return new OrganisationServices() {
            @Override
            public long organisationId() {
                return organisationId;
            }

            @Override
            public io.crmkit.plugin.api.ContactService contacts() {
                return new AdaptedContacts(organisationId, organisations, contacts);
            }

            @Override
            public io.crmkit.plugin.api.CompanyService companies() {
                return new AdaptedCompanies(organisationId, organisations, companies);
            }

            @Override
            public io.crmkit.plugin.api.PipelineService pipelines() {
                return new AdaptedPipelines(organisationId, organisations, deals);
            }

            @Override
            public io.crmkit.plugin.api.NoteService notes() {
                return new AdaptedNotes(organisationId, notes);
            }

            @Override
            public io.crmkit.plugin.api.UserDirectory users() {
                return new AdaptedUsers(organisationId, organisations, users);
            }

            @Override
            public PermissionCheck permissions() {
                return new AdaptedPermissions(organisationId, organisations, users);
            }

            @Override
            public ZoneId timeZone() {
                return organisations.get(organisationId).timeZone();
            }

            @Override
            public PaymentService payments() {
                return new AdaptedPayments(organisationId, payments);
            }
        };
    }

    /** Runs a host call, turning host exceptions into the API's, a refusal in the language of the user served. */
    static <T> T translated(Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidInputException invalid) {
            throw new InvalidRecordException(invalid.field(), invalid.detailIn(languageOfTheUserServed()));
        } catch (UnknownRecordException unknown) {
            throw new RecordNotFoundException(unknown.kind().englishName(), unknown.id());
        }
    }

    /** The language of the request's user; English in background work, which serves nobody in particular. */
    static Locale languageOfTheUserServed() {
        try {
            return CDI.current().select(CallerContext.class).get().language();
        } catch (ContextNotActiveException | IllegalStateException noRequest) {
            return Locale.ENGLISH;
        }
    }

    static <T> Page<T> page(Slice<T> slice) {
        return new Page<>(slice.items(), slice.nextAfterId().map(Cursors::encode));
    }

    static Optional<Long> afterId(PageRequest page) {
        return translated(() -> page.cursor().flatMap(Cursors::decode));
    }
}
