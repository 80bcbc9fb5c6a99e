package io.crmkit.plugin.api.contract;

import io.crmkit.plugin.api.Company;
import io.crmkit.plugin.api.Contact;
import io.crmkit.plugin.api.ContactChanges;
import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.InvalidRecordException;
import io.crmkit.plugin.api.NewContact;
import io.crmkit.plugin.api.NewPipelineRecord;
import io.crmkit.plugin.api.Note;
import io.crmkit.plugin.api.OrganisationServices;
import io.crmkit.plugin.api.Page;
import io.crmkit.plugin.api.PaymentRequest;
import io.crmkit.plugin.api.PaymentResult;
import io.crmkit.plugin.api.PageRequest;
import io.crmkit.plugin.api.PermissionCheck.HostRight;
import io.crmkit.plugin.api.PipelineRecord;
import io.crmkit.plugin.api.PipelineRecordChanges;
import io.crmkit.plugin.api.RecordNotFoundException;
import io.crmkit.plugin.api.RecordRef;
import io.crmkit.plugin.api.User;
import jakarta.transaction.UserTransaction;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import javax.naming.InitialContext;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every host's implementation of {@link CrmHost} must do. Each test makes its own records with unique
 * names, so the kit runs against a database that other tests share.
 */
public abstract class HostServicesContract {

    /** The host under test. */
    protected abstract CrmHost host();

    /** An organisation that exists. */
    protected abstract long organisationId();

    /** Another organisation that exists, whose records must stay invisible to the first. */
    protected abstract long otherOrganisationId();

    /** An active user of {@link #organisationId()} whose profile is an administrator profile. */
    protected abstract long administratorId();

    /**
     * Runs {@code work} in one JTA transaction and commits it; the commit fails if anything marked the
     * transaction for rollback. The default uses the container's {@code java:comp/UserTransaction}; a host that
     * runs the kit elsewhere overrides it.
     */
    protected void inOneTransaction(Runnable work) throws Exception {
        UserTransaction transaction = InitialContext.doLookup("java:comp/UserTransaction");
        transaction.begin();
        try {
            work.run();
        } catch (RuntimeException | Error failed) {
            transaction.rollback();
            throw failed;
        }
        transaction.commit();
    }

    private OrganisationServices org() {
        return host().organisation(organisationId());
    }

    private OrganisationServices otherOrg() {
        return host().organisation(otherOrganisationId());
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String uniqueJapaneseMobile() {
        long digits = 10_000_000L + Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 90_000_000L);
        return "+8190" + digits;
    }

    @Test
    void aCreatedContactIsFoundByIdWithItsPhoneInE164() {
        String e164 = uniqueJapaneseMobile();
        String spaced = "+81 90-" + e164.substring(5, 9) + "-" + e164.substring(9);
        Contact created = org().contacts().create(NewContact.reachableAt("Hanako Sato", spaced, administratorId()));

        Contact found = org().contacts().find(created.id()).orElseThrow();
        assertEquals(Optional.of(e164), found.phone());
        assertEquals("Hanako Sato", found.displayName());
        assertEquals(Optional.of(administratorId()), found.ownerId());
    }

    @Test
    void contactsAreFoundByPhoneWhateverTheNotation() {
        String e164 = uniqueJapaneseMobile();
        Contact created = org().contacts().create(NewContact.reachableAt("Taro", e164, administratorId()));

        String withSpaces = "+81 " + e164.substring(3, 5) + " " + e164.substring(5);
        List<Contact> found = org().contacts().findByPhone(withSpaces);
        assertEquals(List.of(created.id()), found.stream().map(Contact::id).toList());
        assertTrue(org().contacts().findByPhone("not a number").isEmpty());
    }

    @Test
    void anInvalidPhoneIsRefusedAndNothingIsStored() {
        String name = unique("Invalid phone ");
        InvalidRecordException refusal = assertThrows(InvalidRecordException.class,
                () -> org().contacts().create(NewContact.reachableAt(name, "12345", administratorId())));
        assertEquals("phone", refusal.field());
        assertTrue(org().contacts().search(name, PageRequest.first(10)).items().isEmpty());
    }

    @Test
    void refusalsLeaveTheCallersTransactionUsable() throws Exception {
        String name = unique("After refusals ");
        String phone = uniqueJapaneseMobile();
        List<Long> created = new java.util.ArrayList<>();
        inOneTransaction(() -> {
            assertThrows(InvalidRecordException.class,
                    () -> org().contacts().create(NewContact.reachableAt(name, "+44 7700 900999", administratorId())));
            assertThrows(InvalidRecordException.class, () -> org().contacts().create(
                    NewContact.reachableAt(name, phone, Long.MAX_VALUE)));
            assertThrows(RecordNotFoundException.class, () -> org().contacts().changePhone(Long.MAX_VALUE, phone));
            assertThrows(InvalidRecordException.class, () -> org().companies().create(" "));
            assertThrows(InvalidRecordException.class, () -> org().pipelines().create(new NewPipelineRecord(name,
                    "No such stage", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())));
            assertThrows(RecordNotFoundException.class,
                    () -> org().pipelines().moveToStage(Long.MAX_VALUE, org().pipelines().stages().get(0)));
            assertThrows(RecordNotFoundException.class,
                    () -> org().notes().add(RecordRef.contact(Long.MAX_VALUE), "lost", administratorId()));

            Contact contact = org().contacts().create(NewContact.reachableAt(name, phone, administratorId()));
            assertThrows(InvalidRecordException.class, () -> org().contacts().changePhone(contact.id(), "12345"));
            assertThrows(InvalidRecordException.class, () -> org().notes().add(RecordRef.contact(contact.id()), " ",
                    administratorId()));
            created.add(contact.id());
        });

        Contact committed = org().contacts().find(created.get(0)).orElseThrow();
        assertEquals(Optional.of(phone), committed.phone(), "the refused change of number changed nothing");
        assertEquals(List.of(committed.id()), org().contacts().search(name, PageRequest.first(10)).items().stream()
                .map(Contact::id).toList(), "only the valid contact was stored");
    }

    @Test
    void namesOfTheGuaranteedLengthInAnyScriptAreKept() {
        String mixed = "山田 🙂 مرحبا " + unique("");
        StringBuilder name = new StringBuilder(mixed);
        while (name.codePointCount(0, name.length()) < NewContact.NAME_LENGTH_EVERY_HOST_ACCEPTS) {
            name.append('é');
        }
        Contact created = org().contacts().create(new NewContact(name.toString(), name.toString(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty()));

        Contact found = org().contacts().find(created.id()).orElseThrow();
        assertEquals(name.toString(), found.firstName());
        assertEquals(name.toString(), found.lastName());
    }

    @Test
    void aContactWithoutANameIsRefused() {
        NewContact nameless = new NewContact(" ", "", Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
        assertThrows(InvalidRecordException.class, () -> org().contacts().create(nameless));
    }

    @Test
    void aPageOfContactsIsFoundAtOnceAndOnlyTheOrganisationsOwn() {
        Contact first = org().contacts().create(NewContact.reachableAt("First", uniqueJapaneseMobile(), administratorId()));
        Contact second = org().contacts().create(NewContact.reachableAt("Second", uniqueJapaneseMobile(), administratorId()));
        Contact theirs = otherOrg().contacts().create(NewContact.reachableAt("Theirs", uniqueJapaneseMobile(),
                otherAdministrator()));

        List<Long> found = org().contacts().findAll(List.of(first.id(), second.id(), theirs.id(), Long.MAX_VALUE, first.id()))
                .stream().map(Contact::id).sorted().toList();
        assertEquals(List.of(first.id(), second.id()).stream().sorted().toList(), found);
        assertTrue(org().contacts().findAll(List.of()).isEmpty());
    }

    @Test
    void anotherOrganisationsContactsAreInvisible() {
        String e164 = uniqueJapaneseMobile();
        Contact theirs = otherOrg().contacts().create(NewContact.reachableAt("Other", e164, otherAdministrator()));

        assertTrue(org().contacts().find(theirs.id()).isEmpty());
        assertTrue(org().contacts().findByPhone(e164).isEmpty());
        assertThrows(RecordNotFoundException.class, () -> org().contacts().changePhone(theirs.id(), e164));
    }

    private long otherAdministrator() {
        return otherOrg().users().list().stream()
                .filter(u -> otherOrg().permissions().hasRight(u.id(), HostRight.ADMINISTER))
                .findFirst().orElseThrow().id();
    }

    @Test
    void aContactsPhoneCanBeChanged() {
        Contact contact = org().contacts().create(
                NewContact.reachableAt("Mover", uniqueJapaneseMobile(), administratorId()));
        String next = uniqueJapaneseMobile();

        Contact changed = org().contacts().changePhone(contact.id(), next);
        assertEquals(Optional.of(next), changed.phone());
        assertEquals(Optional.of(next), org().contacts().find(contact.id()).orElseThrow().phone());
    }

    @Test
    void aContactsDetailsChangeAllOrNothing() {
        Contact contact = org().contacts().create(
                NewContact.reachableAt("Before Change", uniqueJapaneseMobile(), administratorId()));
        Company company = org().companies().create(unique("Employer "));

        Contact changed = org().contacts().update(contact.id(), new ContactChanges(Optional.of("花子"), Optional.of("山田"),
                Optional.of("hanako@example.com"), Optional.of(company.id())));
        assertEquals("花子", changed.firstName());
        assertEquals(Optional.of("hanako@example.com"), org().contacts().find(contact.id()).orElseThrow().email());
        assertEquals(Optional.of(company.id()), changed.companyId());
        assertEquals(contact.phone(), changed.phone(), "what is not named stays as it was");

        InvalidRecordException refused = assertThrows(InvalidRecordException.class, () -> org().contacts().update(
                contact.id(), new ContactChanges(Optional.of("Changed"), Optional.empty(), Optional.of("not an email"),
                        Optional.empty())));
        assertEquals("email", refused.field());
        assertEquals("花子", org().contacts().find(contact.id()).orElseThrow().firstName(), "nothing half-changed");
        assertThrows(RecordNotFoundException.class, () -> otherOrg().contacts().update(contact.id(),
                new ContactChanges(Optional.of("Intruder"), Optional.empty(), Optional.empty(), Optional.empty())));
    }

    @Test
    void searchIsPaginatedWithCursors() {
        String token = unique("Paged");
        for (int i = 0; i < 3; i++) {
            org().contacts().create(new NewContact(token, "n" + i, Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty()));
        }
        Page<Contact> first = org().contacts().search(token, PageRequest.first(2));
        assertEquals(2, first.items().size());
        assertTrue(first.nextCursor().isPresent());

        Page<Contact> second = org().contacts().search(token, PageRequest.first(2).after(first.nextCursor().get()));
        assertEquals(1, second.items().size());
        assertFalse(second.nextCursor().isPresent());
        assertTrue(first.items().stream().noneMatch(c -> c.id() == second.items().get(0).id()));
    }

    @Test
    void companiesAreCreatedFoundAndValidated() {
        String name = unique("Acme ");
        Company company = org().companies().create(name);
        assertEquals(name, org().companies().find(company.id()).orElseThrow().name());
        assertEquals(1, org().companies().search(name, PageRequest.first(5)).items().size());
        assertTrue(otherOrg().companies().find(company.id()).isEmpty());
        assertThrows(InvalidRecordException.class, () -> org().companies().create("  "));
    }

    @Test
    void pipelineRecordsMoveThroughTheDeclaredStages() {
        List<String> stages = org().pipelines().stages();
        assertFalse(stages.isEmpty());
        Contact contact = org().contacts().create(
                NewContact.reachableAt("Buyer", uniqueJapaneseMobile(), administratorId()));

        PipelineRecord deal = org().pipelines().create(new NewPipelineRecord(unique("Deal "), stages.get(0),
                Optional.of(new BigDecimal("1200.50")), Optional.of(contact.id()), Optional.empty(),
                Optional.of(administratorId())));
        assertEquals(Optional.of(new BigDecimal("1200.50")), deal.amount());
        assertEquals(List.of(deal.id()), org().pipelines().findByContact(contact.id()).stream()
                .map(PipelineRecord::id).toList());

        String last = stages.get(stages.size() - 1);
        assertEquals(last, org().pipelines().moveToStage(deal.id(), last).stage());
        assertThrows(InvalidRecordException.class, () -> org().pipelines().moveToStage(deal.id(), "No such stage"));
        assertEquals(last, org().pipelines().find(deal.id()).orElseThrow().stage());
    }

    @Test
    void aPipelineRecordsStageAmountAndOwnerChangeAllOrNothing() {
        List<String> stages = org().pipelines().stages();
        PipelineRecord deal = org().pipelines().create(new NewPipelineRecord(unique("Changing "), stages.get(0),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()));
        PipelineRecord changed = org().pipelines().update(deal.id(), new PipelineRecordChanges(Optional.of(stages.get(1)),
                Optional.of(new BigDecimal("14400")), Optional.of(administratorId())));
        assertEquals(stages.get(1), changed.stage());
        assertEquals(0, new BigDecimal("14400").compareTo(org().pipelines().find(deal.id()).orElseThrow().amount().orElseThrow()),
                "the amount, whatever scale the host keeps it in");
        assertEquals(Optional.of(administratorId()), changed.ownerId());

        InvalidRecordException refused = assertThrows(InvalidRecordException.class, () -> org().pipelines().update(deal.id(),
                new PipelineRecordChanges(Optional.of(stages.get(0)), Optional.of(new BigDecimal("-1")), Optional.empty())));
        assertEquals("amount", refused.field());
        assertEquals(stages.get(1), org().pipelines().find(deal.id()).orElseThrow().stage(), "nothing half-changed");
        assertThrows(RecordNotFoundException.class, () -> otherOrg().pipelines().update(deal.id(),
                new PipelineRecordChanges(Optional.of(stages.get(0)), Optional.empty(), Optional.empty())));
    }

    @Test
    void everyStageHasALabelForReadersOfAnyLanguage() {
        for (String stage : org().pipelines().stages()) {
            for (Locale language : List.of(Locale.ENGLISH, Locale.JAPANESE, Locale.forLanguageTag("ar"))) {
                assertFalse(org().pipelines().stageLabel(stage, language).isBlank(), stage + " in " + language);
            }
        }
    }

    @Test
    void aPipelineRecordWithAnUnknownStageOrContactIsRefused() {
        String stage = org().pipelines().stages().get(0);
        assertThrows(InvalidRecordException.class, () -> org().pipelines().create(new NewPipelineRecord("Deal",
                "No such stage", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty())));
        assertThrows(InvalidRecordException.class, () -> org().pipelines().create(new NewPipelineRecord("Deal",
                stage, Optional.empty(), Optional.of(Long.MAX_VALUE), Optional.empty(), Optional.empty())));
    }

    @Test
    void notesAreKeptOnRecordsOldestFirst() {
        Contact contact = org().contacts().create(
                NewContact.reachableAt("Noted", uniqueJapaneseMobile(), administratorId()));
        RecordRef ref = RecordRef.contact(contact.id());

        org().notes().add(ref, "first", administratorId());
        org().notes().add(ref, "second", administratorId());

        List<Note> notes = org().notes().list(ref);
        assertEquals(List.of("first", "second"), notes.stream().map(Note::text).toList());
        assertEquals(administratorId(), notes.get(0).authorId());
        assertThrows(RecordNotFoundException.class,
                () -> org().notes().add(RecordRef.contact(Long.MAX_VALUE), "lost", administratorId()));
        assertThrows(InvalidRecordException.class, () -> org().notes().add(ref, " ", administratorId()));
    }

    @Test
    void usersProfilesAndRightsAreVisible() {
        User admin = org().users().find(administratorId()).orElseThrow();
        assertTrue(admin.active());
        assertTrue(org().users().list().stream().anyMatch(u -> u.id() == administratorId()));
        assertTrue(org().users().profiles().stream().anyMatch(p -> p.administrator() && p.id() == admin.profileId()));
        assertTrue(org().permissions().hasRight(administratorId(), HostRight.ADMINISTER));
        assertFalse(otherOrg().permissions().hasRight(administratorId(), HostRight.READ_RECORDS));
        assertTrue(otherOrg().users().find(administratorId()).isEmpty());
    }

    @Test
    void aPaymentIsTakenOnceForOneIdempotencyKeyOrRefusedAsUnsupported() {
        PaymentRequest request = new PaymentRequest(unique("contract-payment-"), new BigDecimal("4.00"),
                Currency.getInstance("USD"), "Contract test: 2 credits");
        PaymentResult first;
        try {
            first = org().payments().charge(request);
        } catch (UnsupportedOperationException noPayments) {
            assertThrows(UnsupportedOperationException.class, () -> org().payments().charge(request),
                    "a host that takes no payments refuses every one");
            return;
        }
        assertEquals(first, org().payments().charge(request), "the same key answers the first outcome");
        if (first instanceof PaymentResult.Declined declined) {
            assertFalse(declined.reason().isBlank());
        }
    }

    @Test
    void theOrganisationHasATimeZone() {
        assertNotNull(org().timeZone().getRules(), "where the organisation's months begin");
    }

    @Test
    void unknownOrganisationsAreRefused() {
        assertThrows(RecordNotFoundException.class, () -> host().organisation(Long.MAX_VALUE));
    }

    @Test
    void recordsHaveLinksToTheirPages() {
        URI link = host().links().pageOf(RecordRef.contact(7));
        assertFalse(link.isAbsolute());
        assertTrue(link.getPath().startsWith("/"));
        assertTrue(link.getPath().endsWith("/7"));
    }
}
