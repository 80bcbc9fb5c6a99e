package io.crmkit.crm.application;

import io.crmkit.crm.domain.Company;
import io.crmkit.crm.domain.Contact;
import io.crmkit.crm.domain.Deal;
import io.crmkit.crm.domain.InvalidInputException;
import io.crmkit.crm.domain.Organisation;
import io.crmkit.crm.domain.RefusalText;
import io.crmkit.crm.domain.UnknownRecordException;
import io.crmkit.crm.domain.UserAccount;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Optional;

/**
 * Looks records up within one organisation. A record of another organisation is reported exactly like a
 * missing one, so that ids never reveal what other organisations hold.
 */
@ApplicationScoped
public class Organisations {
    @PersistenceContext(unitName = "crm")
    EntityManager em;

    public Organisation get(long organisationId) {
        return Optional.ofNullable(em.find(Organisation.class, organisationId))
                .orElseThrow(() -> new UnknownRecordException(UnknownRecordException.Kind.ORGANISATION, organisationId));
    }

    public Optional<Contact> contact(long organisationId, long contactId) {
        return Optional.ofNullable(em.find(Contact.class, contactId)).filter(c -> c.organisationId() == organisationId);
    }

    public Optional<Company> company(long organisationId, long companyId) {
        return Optional.ofNullable(em.find(Company.class, companyId)).filter(c -> c.organisationId() == organisationId);
    }

    public Optional<Deal> deal(long organisationId, long dealId) {
        return Optional.ofNullable(em.find(Deal.class, dealId)).filter(d -> d.organisationId() == organisationId);
    }

    public Optional<UserAccount> user(long organisationId, long userId) {
        return Optional.ofNullable(em.find(UserAccount.class, userId)).filter(u -> u.organisationId() == organisationId);
    }

    /** An optional reference in a request: present ids must name a company of the organisation. */
    public Optional<Long> requireCompany(long organisationId, Optional<Long> companyId, String field) {
        companyId.ifPresent(id -> company(organisationId, id)
                .orElseThrow(() -> new InvalidInputException(field, RefusalText.NOT_YOUR_COMPANY, field, id)));
        return companyId;
    }

    public Optional<Long> requireContact(long organisationId, Optional<Long> contactId, String field) {
        contactId.ifPresent(id -> contact(organisationId, id)
                .orElseThrow(() -> new InvalidInputException(field, RefusalText.NOT_YOUR_CONTACT, field, id)));
        return contactId;
    }

    public Optional<Long> requireUser(long organisationId, Optional<Long> userId, String field) {
        userId.ifPresent(id -> user(organisationId, id)
                .orElseThrow(() -> new InvalidInputException(field, RefusalText.NOT_YOUR_USER, field, id)));
        return userId;
    }
}
