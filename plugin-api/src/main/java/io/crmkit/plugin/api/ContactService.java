package io.crmkit.plugin.api;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/** Contacts of one organisation. */
public interface ContactService {

    Optional<Contact> find(long contactId);

    /**
     * The contacts with these ids, in no particular order: one call for a whole page of a list. Ids that name
     * no contact of the organisation are left out. Hosts should answer with one query; this default asks one
     * contact at a time.
     */
    default List<Contact> findAll(Collection<Long> contactIds) {
        return contactIds.stream().distinct().map(this::find).flatMap(Optional::stream).toList();
    }

    /**
     * Contacts whose phone number equals the given one after E.164 normalisation, oldest first.
     * Several contacts may share a number; an unparsable number finds nothing.
     */
    List<Contact> findByPhone(String phone);

    /**
     * Contacts whose name, phone or email contains {@code text} (case-insensitive), newest first.
     *
     * @throws InvalidRecordException for a cursor that no earlier page of this search gave
     */
    Page<Contact> search(String text, PageRequest page);

    /**
     * Creates a contact.
     *
     * @throws InvalidRecordException for a blank name, a phone number that is not a valid international
     *                                number, an unknown company or owner, or a field over its length limit
     */
    Contact create(NewContact contact);

    /**
     * Sets the phone number (normalised to E.164) of an existing contact.
     *
     * @throws RecordNotFoundException for an unknown contact
     * @throws InvalidRecordException  for an invalid number
     */
    Contact changePhone(long contactId, String phone);

    /**
     * Changes a contact's name, email or company, all or nothing. A host that does not let plugins change contacts
     * keeps this default, which refuses.
     *
     * @throws RecordNotFoundException for an unknown contact
     * @throws InvalidRecordException  for a blank name, an email that is not one, an unknown company, or a field over
     *                                 its length limit (naming the field)
     * @throws UnsupportedOperationException from a host that does not let plugins change contacts
     */
    default Contact update(long contactId, ContactChanges changes) {
        throw new UnsupportedOperationException("this host does not let plugins change contacts");
    }
}
