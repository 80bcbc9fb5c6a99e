package io.crmkit.crm.adapter;

import io.crmkit.crm.application.ContactDraft;
import io.crmkit.crm.application.ContactService;
import io.crmkit.crm.application.Organisations;
import io.crmkit.plugin.api.Contact;
import io.crmkit.plugin.api.ContactChanges;
import io.crmkit.plugin.api.NewContact;
import io.crmkit.plugin.api.Page;
import io.crmkit.plugin.api.PageRequest;

import java.util.List;
import java.util.Optional;

import static io.crmkit.crm.adapter.AdaptedServices.translated;

/** Contacts of one organisation, for plugins. */
final class AdaptedContacts implements io.crmkit.plugin.api.ContactService {
    private final long org;
    private final Organisations organisations;
    private final ContactService contacts;

    AdaptedContacts(long org, Organisations organisations, ContactService contacts) {
        this.org = org;
        this.organisations = organisations;
        this.contacts = contacts;
    }

    static Contact toApi(io.crmkit.crm.domain.Contact c) {
        return new Contact(c.id(), c.firstName(), c.lastName(), c.phone(), c.email(), c.companyId(), c.ownerId());
    }

    @Override
    public Optional<Contact> find(long contactId) {
        return organisations.contact(org, contactId).map(AdaptedContacts::toApi);
    }

    @Override
    public List<Contact> findAll(java.util.Collection<Long> contactIds) {
        return contacts.findAll(org, contactIds).stream().map(AdaptedContacts::toApi).toList();
    }

    @Override
    public List<Contact> findByPhone(String phone) {
        return translated(() -> contacts.findByPhone(org, phone).stream().map(AdaptedContacts::toApi).toList());
    }

    @Override
    public Page<Contact> search(String text, PageRequest page) {
        return translated(() -> AdaptedServices.page(
                contacts.search(org, text, page.limit(), AdaptedServices.afterId(page)).map(AdaptedContacts::toApi)));
    }

    @Override
    public Contact create(NewContact c) {
        return translated(() -> toApi(contacts.create(org,
                new ContactDraft(c.firstName(), c.lastName(), c.phone(), c.email(), c.companyId(), c.ownerId()))));
    }

    @Override
    public Contact changePhone(long contactId, String phone) {
        return translated(() -> {
            io.crmkit.crm.domain.Contact current = contacts.get(org, contactId);
            return toApi(contacts.update(org, contactId, new ContactDraft(current.firstName(), current.lastName(),
                    Optional.of(phone), current.email(), current.companyId(), current.ownerId())));
        });
    }

    @Override
    public Contact update(long contactId, ContactChanges changes) {
        return translated(() -> {
            io.crmkit.crm.domain.Contact current = contacts.get(org, contactId);
            return toApi(contacts.update(org, contactId, new ContactDraft(changes.firstName().orElse(current.firstName()),
                    changes.lastName().orElse(current.lastName()), current.phone(), changes.email().or(current::email),
                    changes.companyId().or(current::companyId), current.ownerId())));
        });
    }
}
