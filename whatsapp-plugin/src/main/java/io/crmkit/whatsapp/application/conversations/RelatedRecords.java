package io.crmkit.whatsapp.application.conversations;

import io.crmkit.plugin.api.Company;
import io.crmkit.plugin.api.Contact;
import io.crmkit.plugin.api.ContactChanges;
import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.plugin.api.InvalidRecordException;
import io.crmkit.plugin.api.NewContact;
import io.crmkit.plugin.api.NewPipelineRecord;
import io.crmkit.plugin.api.Note;
import io.crmkit.plugin.api.OrganisationServices;
import io.crmkit.plugin.api.PipelineRecord;
import io.crmkit.plugin.api.PipelineRecordChanges;
import io.crmkit.plugin.api.RecordModule;
import io.crmkit.plugin.api.RecordNotFoundException;
import io.crmkit.plugin.api.RecordRef;
import io.crmkit.plugin.api.User;
import io.crmkit.whatsapp.application.Permissions;
import io.crmkit.whatsapp.application.live.ConversationEvent;
import io.crmkit.whatsapp.application.repository.ConversationRepository;
import io.crmkit.whatsapp.application.repository.MediaFileRepository;
import io.crmkit.whatsapp.application.repository.MessageRepository;
import io.crmkit.whatsapp.domain.Conversation;
import io.crmkit.whatsapp.domain.Message;
import io.crmkit.whatsapp.domain.MessageDetails;
import io.crmkit.whatsapp.domain.PersonName;
import io.crmkit.whatsapp.domain.ProblemCode;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The CRM beside a chat: the customer's contact, company, pipeline records and notes, read and changed through the
 * host's services of {@code plugin-api} only. Reading needs a WhatsApp level; changing needs "view and reply". A
 * change the host refuses comes back naming the field, and the whole change is undone: each runs in one transaction.
 */
@ApplicationScoped
public class RelatedRecords {
    /** Notes shown beside a chat: the latest few of the contact's. */
    static final int NOTES_SHOWN = 10;
    private static final DateTimeFormatter NOTE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    @Inject
    CrmHost host;
    @Inject
    Permissions permissions;
    @Inject
    ConversationRepository conversations;
    @Inject
    MessageRepository messages;
    @Inject
    MediaFileRepository mediaFiles;
    @Inject
    Event<ConversationEvent> changes;

    /**
     * What the CRM knows of the chat's customer.
     *
     * @param records the contact's pipeline records, newest first
     * @param notes   the contact's latest notes, newest first
     * @param stages  the stages a record may move to, in pipeline order
     */
    public record Related(Conversation conversation, Contact contact, Optional<Company> company, List<PipelineRecord> records,
                          List<Note> notes, List<Stage> stages, List<User> users) {

        /** The label of a stage in the reader's language. */
        public String labelOf(String stage) {
            return stages.stream().filter(s -> s.name().equals(stage)).map(Stage::label).findFirst().orElse(stage);
        }
    }

    /** A stage of the pipeline, with its name as the host shows it to the reader. */
    public record Stage(String name, String label) {
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Related related(CurrentUser user, long conversationId) {
        permissions.requireView(user);
        Conversation conversation = conversation(user, conversationId);
        OrganisationServices crm = host.organisation(user.organisationId());
        Contact contact = contactOf(crm, conversation);
        List<PipelineRecord> records = new ArrayList<>(crm.pipelines().findByContact(contact.id()));
        records.sort(Comparator.comparingLong(PipelineRecord::id).reversed());
        List<Note> notes = new ArrayList<>(crm.notes().list(RecordRef.contact(contact.id())));
        notes.sort(Comparator.comparing(Note::createdAt).reversed());
        return new Related(conversation, contact, contact.companyId().flatMap(crm.companies()::find), records,
                notes.subList(0, Math.min(NOTES_SHOWN, notes.size())), crm.pipelines().stages().stream()
                        .map(stage -> new Stage(stage, crm.pipelines().stageLabel(stage, user.locale()))).toList(),
                crm.users().list().stream().filter(User::active).toList());
    }

    /**
     * Changes the contact's name, email or company; {@code newCompanyName} creates the company first and links it.
     */
    @Transactional
    public Contact changeContact(CurrentUser user, long conversationId, ContactChanges changes,
                                 Optional<String> newCompanyName) {
        permissions.requireReply(user);
        OrganisationServices crm = host.organisation(user.organisationId());
        Contact contact = contactOf(crm, conversation(user, conversationId));
        Contact changed = hostCall(() -> {
            ContactChanges withCompany = newCompanyName.filter(name -> !name.isBlank())
                    .map(name -> new ContactChanges(changes.firstName(), changes.lastName(), changes.email(),
                            Optional.of(crm.companies().create(name.strip()).id())))
                    .orElse(changes);
            return crm.contacts().update(contact.id(), withCompany);
        });
        recordsChanged(user, conversationId);
        return changed;
    }

    /** Moves one of the contact's pipeline records: its stage, amount or owner. */
    @Transactional
    public PipelineRecord changeRecord(CurrentUser user, long conversationId, long recordId, PipelineRecordChanges changes) {
        permissions.requireReply(user);
        OrganisationServices crm = host.organisation(user.organisationId());
        Contact contact = contactOf(crm, conversation(user, conversationId));
        recordOf(crm, contact, recordId);
        PipelineRecord changed = hostCall(() -> crm.pipelines().update(recordId, changes));
        recordsChanged(user, conversationId);
        return changed;
    }

    /**
     * A pipeline record for the chat's customer, with the chosen messages as its notes (each with its sender and
     * Meta's time; a file as a link).
     */
    @Transactional
    public PipelineRecord createRecord(CurrentUser user, long conversationId, String name, Optional<String> stage,
                                       Optional<BigDecimal> amount, List<Long> messageIds) {
        permissions.requireReply(user);
        Conversation conversation = conversation(user, conversationId);
        OrganisationServices crm = host.organisation(user.organisationId());
        Contact contact = contactOf(crm, conversation);
        List<Message> chosen = messagesOf(conversation, messageIds);
        PipelineRecord record = hostCall(() -> crm.pipelines().create(new NewPipelineRecord(name == null ? "" : name.strip(),
                stage.orElse(crm.pipelines().stages().get(0)), amount, Optional.of(contact.id()), contact.companyId(),
                Optional.of(user.userId()))));
        chosen.forEach(message -> hostCall(() -> crm.notes().add(RecordRef.pipelineRecord(record.id()),
                noteText(crm, conversation, message), user.userId())));
        recordsChanged(user, conversationId);
        return record;
    }

    /**
     * The chosen messages as notes on the contact, its company or one of its pipeline records.
     *
     * @param target the record the notes go to; the contact when empty
     */
    @Transactional
    public List<Note> addNotes(CurrentUser user, long conversationId, List<Long> messageIds, Optional<RecordRef> target) {
        permissions.requireReply(user);
        Conversation conversation = conversation(user, conversationId);
        OrganisationServices crm = host.organisation(user.organisationId());
        Contact contact = contactOf(crm, conversation);
        RecordRef record = target.orElse(RecordRef.contact(contact.id()));
        boolean ofTheCustomer = switch (record.module()) {
            case CONTACTS -> record.id() == contact.id();
            case COMPANIES -> contact.companyId().filter(id -> id == record.id()).isPresent();
            case PIPELINES -> crm.pipelines().findByContact(contact.id()).stream().anyMatch(r -> r.id() == record.id());
        };
        if (!ofTheCustomer) {
            throw Refusal.notFound(RefusalText.NO_SUCH_RELATED_RECORD, record.module().pathSegment(), record.id());
        }
        List<Message> chosen = messagesOf(conversation, messageIds);
        List<Note> notes = chosen.stream().map(message -> hostCall(() -> crm.notes().add(record,
                noteText(crm, conversation, message), user.userId()))).toList();
        recordsChanged(user, conversationId);
        return notes;
    }

    /**
     * A contact card the customer sent, as a contact of the CRM: the one with its number when the CRM has it, else a
     * new contact (the card's name split as a WhatsApp profile name is), owned by the agent.
     *
     * @param created whether the contact was made now
     */
    public record CardContact(Contact contact, boolean created) {
    }

    @Transactional
    public CardContact contactFromCard(CurrentUser user, long conversationId, long messageId, int cardIndex) {
        permissions.requireReply(user);
        Conversation conversation = conversation(user, conversationId);
        Message message = messagesOf(conversation, List.of(messageId)).get(0);
        MessageDetails.Card card = message.details().content().filter(MessageDetails.ContactCards.class::isInstance)
                .map(MessageDetails.ContactCards.class::cast).map(MessageDetails.ContactCards::cards)
                .filter(cards -> cardIndex >= 0 && cardIndex < cards.size()).map(cards -> cards.get(cardIndex))
                .orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_CONTACT_CARD, messageId, cardIndex));
        String phone = card.phones().stream().findFirst()
                .orElseThrow(() -> Refusal.invalid("phone", RefusalText.CONTACT_CARD_WITHOUT_NUMBER));
        OrganisationServices crm = host.organisation(user.organisationId());
        Optional<Contact> known = hostCall(() -> crm.contacts().findByPhone(phone)).stream().findFirst();
        if (known.isPresent()) {
            return new CardContact(known.get(), false);
        }
        PersonName name = PersonName.ofProfileName(card.name().isBlank() ? phone : card.name(),
                NewContact.NAME_LENGTH_EVERY_HOST_ACCEPTS);
        Contact created = hostCall(() -> crm.contacts().create(new NewContact(name.first(), name.last(), Optional.of(phone),
                Optional.empty(), Optional.empty(), Optional.of(user.userId()))));
        recordsChanged(user, conversationId);
        return new CardContact(created, true);
    }

    /**
     * The customer's new number (Meta's notice that they changed it), confirmed by an agent: the contact's phone is
     * changed and the chat continues from the new number.
     */
    @Transactional
    public Contact applyNumberChange(CurrentUser user, long conversationId, long messageId) {
        permissions.requireReply(user);
        Conversation conversation = conversation(user, conversationId);
        Message message = messagesOf(conversation, List.of(messageId)).get(0);
        String newWaId = message.details().content().filter(MessageDetails.NumberChange.class::isInstance)
                .map(MessageDetails.NumberChange.class::cast).flatMap(MessageDetails.NumberChange::newWaId)
                .orElseThrow(() -> Refusal.notFound(RefusalText.NO_NUMBER_CHANGE, messageId));
        OrganisationServices crm = host.organisation(user.organisationId());
        Contact contact = contactOf(crm, conversation);
        Contact changed = hostCall(() -> crm.contacts().changePhone(contact.id(), "+" + newWaId));
        if (conversations.findByCustomer(conversation.channelId(), newWaId).isEmpty()) {
            conversation.customerNowWritesFrom(newWaId);
        }
        recordsChanged(user, conversationId);
        return changed;
    }

    /** Browsers showing the chat refresh what they show beside it, once the change has committed. */
    private void recordsChanged(CurrentUser user, long conversationId) {
        changes.fire(ConversationEvent.records(user.organisationId(), conversationId));
    }

    /** A message as a note: who wrote it and when (Meta's time), then its text and its file as a link. */
    private String noteText(OrganisationServices crm, Conversation conversation, Message message) {
        String sender = message.direction() == Message.Direction.IN ? conversation.customerName()
                : message.authorId().flatMap(crm.users()::find).map(User::name).orElse("WhatsApp");
        StringBuilder text = new StringBuilder("WhatsApp · ").append(sender).append(" · ")
                .append(NOTE_TIME.format(message.sentAt()));
        message.text().filter(body -> !body.isBlank()).ifPresent(body -> text.append('\n').append(body));
        mediaFiles.find(message.id()).ifPresent(file -> text.append('\n').append(file.fileName().orElse(message.type()))
                .append(": /api/whatsapp/conversations/").append(conversation.id()).append("/messages/")
                .append(message.id()).append("/media"));
        return text.toString();
    }

    private List<Message> messagesOf(Conversation conversation, List<Long> messageIds) {
        List<Message> chosen = new ArrayList<>();
        for (Long id : messageIds.stream().distinct().toList()) {
            chosen.add(messages.find(id).filter(message -> message.conversationId() == conversation.id())
                    .orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_MESSAGE, id)));
        }
        chosen.sort(Comparator.comparing(Message::sentAt));
        return chosen;
    }

    private Conversation conversation(CurrentUser user, long conversationId) {
        return conversations.find(user.organisationId(), conversationId)
                .orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_CONVERSATION, conversationId));
    }

    private static Contact contactOf(OrganisationServices crm, Conversation conversation) {
        return crm.contacts().find(conversation.contactId())
                .orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_CONTACT, conversation.contactId()));
    }

    private static PipelineRecord recordOf(OrganisationServices crm, Contact contact, long recordId) {
        return crm.pipelines().find(recordId).filter(record -> record.contactId().filter(id -> id == contact.id()).isPresent())
                .orElseThrow(() -> Refusal.notFound(RefusalText.NO_SUCH_RELATED_RECORD, RecordModule.PIPELINES.pathSegment(),
                        recordId));
    }

    /**
     * A call to the host, its refusals turned into the plugin's: a field refused (in the host's words, which it gives
     * in the user's language), a record gone, a change this host does not allow.
     */
    private static <T> T hostCall(Supplier<T> call) {
        try {
            return call.get();
        } catch (InvalidRecordException refused) {
            throw Refusal.invalid(refused.field(), RefusalText.HOST_REFUSED, refused.getMessage());
        } catch (RecordNotFoundException gone) {
            throw Refusal.notFound(RefusalText.HOST_RECORD_GONE, gone.getMessage());
        } catch (UnsupportedOperationException notAllowed) {
            throw new Refusal(ProblemCode.FORBIDDEN, RefusalText.HOST_DOES_NOT_ALLOW, notAllowed.getMessage());
        }
    }
}
