package io.crmkit.crm.application;

import io.crmkit.crm.domain.Contact;
import io.crmkit.crm.domain.Fields;
import io.crmkit.crm.domain.InvalidInputException;
import io.crmkit.crm.domain.PhoneNumbers;
import io.crmkit.crm.domain.UnknownRecordException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/**
 * Creates, changes and finds contacts of an organisation. A refusal is decided before anything is written and
 * leaves the caller's transaction usable, as plugin-api promises: a plugin may catch it and carry on in the same
 * transaction.
 */
@ApplicationScoped
@Transactional(dontRollbackOn = {InvalidInputException.class, UnknownRecordException.class})
public class ContactService {
    @PersistenceContext(unitName = "crm")
    EntityManager em;
    @Inject
    Organisations organisations;

    public Contact create(long organisationId, ContactDraft draft) {
        Contact contact = checked(organisationId, draft);
        em.persist(contact);
        em.flush();
        return contact;
    }

    /** Replaces every field of the contact with the draft's (a PATCH reads the contact into the draft first). */
    public Contact update(long organisationId, long contactId, ContactDraft draft) {
        Contact contact = get(organisationId, contactId);
        contact.replaceDetailsWith(checked(organisationId, draft));
        return contact;
    }

    /** A new, unsaved contact with the draft's fields, each checked; refuses the first field that fails. */
    private Contact checked(long organisationId, ContactDraft draft) {
        String region = organisations.get(organisationId).defaultRegion();
        Contact contact = new Contact(organisationId, draft.firstName(), draft.lastName());
        contact.changePhone(PhoneNumbers.requireValidIfPresent("phone", draft.phone().orElse(null), region));
        contact.changeEmail(Fields.email(draft.email().orElse(null)));
        contact.joinCompany(organisations.requireCompany(organisationId, draft.companyId(), "companyId"));
        contact.assignTo(organisations.requireUser(organisationId, draft.ownerId(), "ownerId"));
        return contact;
    }

    public Contact get(long organisationId, long contactId) {
        return organisations.contact(organisationId, contactId)
                .orElseThrow(() -> new UnknownRecordException(UnknownRecordException.Kind.CONTACT, contactId));
    }

    /** The organisation's contacts among these ids, in one query. */
    public List<Contact> findAll(long organisationId, java.util.Collection<Long> contactIds) {
        if (contactIds.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select c from Contact c where c.organisationId = :org and c.id in :ids", Contact.class)
                .setParameter("org", organisationId).setParameter("ids", java.util.Set.copyOf(contactIds)).getResultList();
    }

    /** Contacts with this number, oldest first; a text that is no valid number finds nothing. */
    public List<Contact> findByPhone(long organisationId, String phone) {
        String region = organisations.get(organisationId).defaultRegion();
        Optional<String> e164 = PhoneNumbers.toE164(phone, region);
        if (e164.isEmpty()) {
            return List.of();
        }
        return em.createQuery("select c from Contact c where c.organisationId = :org and c.phone = :phone order by c.id",
                        Contact.class)
                .setParameter("org", organisationId).setParameter("phone", e164.get())
                .getResultList();
    }

    /** Contacts whose name, phone or email contains the text, newest first. */
    public Slice<Contact> search(long organisationId, String text, int limit, Optional<Long> afterId) {
        String pattern = Search.containsPattern(text);
        List<Contact> rows = em.createQuery("""
                        select c from Contact c where c.organisationId = :org and c.id < :after
                          and (lower(concat(c.firstName, ' ', c.lastName)) like :q escape '\\'
                               or lower(coalesce(c.phone, '')) like :q escape '\\'
                               or lower(coalesce(c.email, '')) like :q escape '\\')
                        order by c.id desc""", Contact.class)
                .setParameter("org", organisationId)
                .setParameter("after", afterId.orElse(Long.MAX_VALUE))
                .setParameter("q", pattern)
                .setMaxResults(limit + 1)
                .getResultList();
        return Slice.of(rows, limit, Contact::id);
    }
}
