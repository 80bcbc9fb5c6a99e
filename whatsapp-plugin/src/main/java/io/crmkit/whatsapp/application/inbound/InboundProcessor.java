package io.crmkit.whatsapp.application.inbound;

import io.crmkit.plugin.api.Contact;
import io.crmkit.plugin.api.ContactChanges;
import io.crmkit.plugin.api.ContactService;
import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.InvalidRecordException;
import io.crmkit.plugin.api.NewContact;
import io.crmkit.whatsapp.application.live.ConversationEvent;
import io.crmkit.whatsapp.application.meta.InboundMessage;
import io.crmkit.whatsapp.application.credits.Billing;
import io.crmkit.whatsapp.application.meta.MessageStatus;
import io.crmkit.whatsapp.application.meta.WebhookPayloads.CustomerMessage;
import io.crmkit.whatsapp.application.templates.MarketingOptOuts;
import io.crmkit.whatsapp.application.repository.ConversationRepository;
import io.crmkit.whatsapp.application.repository.EarlyStatusRepository;
import io.crmkit.whatsapp.application.repository.EarlyStatusRepository.EarlyStatus;
import io.crmkit.whatsapp.application.repository.MediaFileRepository;
import io.crmkit.whatsapp.application.repository.MessageRepository;
import io.crmkit.whatsapp.domain.Channel;
import io.crmkit.whatsapp.domain.Conversation;
import io.crmkit.whatsapp.domain.CustomerAddress;
import io.crmkit.whatsapp.domain.DeliveryStatus;
import io.crmkit.whatsapp.domain.MediaFile;
import io.crmkit.whatsapp.domain.Message;
import io.crmkit.whatsapp.domain.PersonName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Turns one stored webhook event into the plugin's model, inside the caller's transaction: the customer
 * becomes (or is found as) a contact of the host, the chat a conversation with an owner, the message a
 * message at Meta's time; statuses move outbound messages forward only.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class InboundProcessor {
    private static final Logger LOG = Logger.getLogger(InboundProcessor.class.getName());
    /** The name of a contact when the CRM takes neither the customer's name nor their number. */
    private static final String UNNAMED_CUSTOMER = "WhatsApp customer";

    @Inject
    CrmHost host;
    @Inject
    RoundRobin roundRobin;
    @Inject
    MarketingOptOuts optOuts;
    @Inject
    ConversationRepository conversations;
    @Inject
    MessageRepository messages;
    @Inject
    EarlyStatusRepository earlyStatuses;
    @Inject
    Billing billing;
    @Inject
    MediaFileRepository mediaFiles;
    @Inject
    Event<ConversationEvent> changes;

    public void message(Channel channel, CustomerMessage received) {
        InboundMessage message = received.message();
        Optional<String> profileName = received.profileName();
        Optional<String> waId = message.envelope().from();
        CustomerAddress customer = CustomerAddress.of(waId, message.envelope().userId());
        String customerKey = customer.key();
        String displayName = profileName.or(customer::phoneNumber).orElse(customerKey);

        Optional<Conversation> known = knownConversation(channel, customerKey, waId);
        MessageContent content = MessageContent.of(message);
        Conversation conversation;
        if (known.isPresent()) {
            conversation = known.get();
            if (message instanceof InboundMessage.Reaction reaction && react(conversation, reaction)) {
                changes.fire(ConversationEvent.conversation(channel.organisationId(), conversation.id()));
                return;
            }
            if (messageOf(conversation, message.envelope().wamid()).isPresent()) {
                return;
            }
            conversation.receive(message.envelope().timestamp(), content.preview());
        } else {
            conversation = newConversation(channel, customerKey, waId, displayName, message, content.preview());
        }
        Message stored = Message.received(channel.organisationId(), conversation.id(), content.type(),
                message.envelope().wamid(), content.text().orElse(null), content.details(), message.envelope().timestamp());
        messages.add(stored);
        if (message instanceof InboundMessage.Media medium && !medium.mediaId().isEmpty()) {
            mediaFiles.add(MediaFile.expected(stored.id(), channel.organisationId(), channel.id(), medium.mediaId(),
                    medium.mimeType(), medium.fileName(), Instant.now()));
        }
        changes.fire(ConversationEvent.message(channel.organisationId(), conversation.id(),
                stored.id(), false));
    }

    private Optional<Conversation> knownConversation(Channel channel, String customerKey, Optional<String> waId) {
        Optional<Conversation> existing = conversations.findByCustomer(channel.id(), customerKey);
        if (existing.isEmpty() && waId.isPresent()) {
            // A chat the business started (with a template) is keyed by the number it wrote to, which WhatsApp may
            // answer from in another of the number's forms (Brazil's ninth digit, Mexico's 1).
            existing = CustomerNumbers.candidates(waId.get()).stream().skip(1)
                    .map(form -> conversations.findByCustomer(channel.id(), form.substring(1)))
                    .flatMap(Optional::stream).findFirst();
        }
        return existing;
    }

    /** A chat opened by the customer's first message, stored with that message already counted in it. */
    private Conversation newConversation(Channel channel, String customerKey, Optional<String> waId, String displayName,
                                         InboundMessage first, String preview) {
        Contact contact = findOrCreateContact(channel, waId, displayName);
        if (!displayName.equals(customerKey) && !waId.map(id -> displayName.equals("+" + id)).orElse(false)) {
            contact = namedIfNameless(channel, contact, displayName);
        }
        Optional<Long> owner = contact.ownerId();
        Conversation conversation = new Conversation(channel.organisationId(), channel.id(), contact.id(), customerKey,
                displayName, owner, first.envelope().timestamp());
        conversation.receive(first.envelope().timestamp(), preview);
        return conversations.add(conversation);
    }

    /**
     * A contact the CRM knew by number only (no name, or the number as its name) takes the WhatsApp profile name; a
     * name a user typed is never overwritten. A host that refuses the name, or lets plugins change no contact, keeps
     * the contact as it is: the chat shows the profile name anyway.
     */
    private Contact namedIfNameless(Channel channel, Contact contact, String profileName) {
        String shown = contact.displayName();
        boolean nameless = shown.isBlank() || contact.phone().map(phone -> shown.replaceAll("[^0-9+]", "")
                .equals(phone) || ("+" + shown.replaceAll("[^0-9]", "")).equals(phone)).orElse(false);
        if (!nameless) {
            return contact;
        }
        PersonName name = PersonName.ofProfileName(profileName, NewContact.NAME_LENGTH_EVERY_HOST_ACCEPTS);
        try {
            return host.organisation(channel.organisationId()).contacts().update(contact.id(), new ContactChanges(
                    Optional.of(name.first()), Optional.of(name.last()), Optional.empty(), Optional.empty()));
        } catch (InvalidRecordException | UnsupportedOperationException keptAsItIs) {
            return contact;
        }
    }

    private Contact findOrCreateContact(Channel channel, Optional<String> waId, String displayName) {
        ContactService contacts = host.organisation(channel.organisationId()).contacts();
        if (waId.isPresent()) {
            for (String candidate : CustomerNumbers.candidates(waId.get())) {
                Optional<Contact> found = contacts.findByPhone(candidate).stream().findFirst();
                if (found.isPresent()) {
                    return found.get();
                }
            }
        }
        Optional<Long> owner = roundRobin.nextOwner(channel);
        Optional<String> phone = waId.map(id -> "+" + id);
        // WhatsApp gives one profile name and the CRM keeps a first and a last name.
        PersonName name = PersonName.ofProfileName(displayName, NewContact.NAME_LENGTH_EVERY_HOST_ACCEPTS);
        String firstName = name.first();
        String lastName = name.last();
        // plugin-api promises that a refusal leaves this transaction usable, so a plainer contact may follow.
        List<NewContact> plainerEachTime = List.of(
                new NewContact(firstName, lastName, phone, Optional.empty(), Optional.empty(), owner),
                new NewContact(firstName, lastName, Optional.empty(), Optional.empty(), Optional.empty(), owner),
                new NewContact(phone.orElse(UNNAMED_CUSTOMER), "", Optional.empty(), Optional.empty(), Optional.empty(),
                        Optional.empty()));
        InvalidRecordException firstRefusal = null;
        for (NewContact candidate : plainerEachTime) {
            try {
                Contact created = contacts.create(candidate);
                if (firstRefusal != null) {
                    // Neither the customer's number nor the CRM's words, which may quote it, go to the log.
                    LOG.log(Level.INFO, "The CRM refused the {0} of a new WhatsApp customer''s contact; contact {1} was"
                                    + " created without it, and the chat shows the customer''s number",
                            new Object[]{firstRefusal.field(), Long.toString(created.id())});
                }
                return created;
            } catch (InvalidRecordException refused) {
                firstRefusal = firstRefusal == null ? refused : firstRefusal;
            }
        }
        throw new IllegalStateException("the CRM refused every form of a contact for this customer: "
                + firstRefusal.field() + ": " + firstRefusal.getMessage(), firstRefusal);
    }

    /** Shows a reaction on the message it reacts to (an empty emoji removes it); false when that message is unknown. */
    private boolean react(Conversation conversation, InboundMessage.Reaction reaction) {
        Optional<Message> target = messageOf(conversation, reaction.reactedWamid());
        target.ifPresent(message -> message.reactedTo(reaction.emoji()));
        return target.isPresent();
    }

    private Optional<Message> messageOf(Conversation conversation, String wamid) {
        return messages.findInConversation(conversation.id(), wamid);
    }

    /**
     * Moves each message forward, in the order of the statuses, or keeps a status until its message is known (it
     * may not have returned yet). The messages are read at once: Meta sends a message's sent, delivered and read
     * close together, and a delivery holds dozens of statuses.
     */
    public void statuses(Channel channel, List<MessageStatus> statuses) {
        Map<String, Message> named = new HashMap<>(messages.findOutbound(channel.organisationId(),
                statuses.stream().map(MessageStatus::wamid).toList()));
        statuses.forEach(status -> status(channel, status, named));
    }

    private void status(Channel channel, MessageStatus status, Map<String, Message> named) {
        DeliveryStatus next = switch (status.state()) {
            case SENT -> DeliveryStatus.SENT;
            case DELIVERED -> DeliveryStatus.DELIVERED;
            case READ, PLAYED -> DeliveryStatus.READ;
            case FAILED -> DeliveryStatus.FAILED;
            default -> null;
        };
        if (next == null) {
            return;
        }
        Optional<Message> message = Optional.ofNullable(named.get(status.wamid()));
        if (message.isEmpty() && status.referenceId().isPresent()) {
            // The send call did not return (timeout, dropped connection): the status names our message.
            message = messages.findByReference(channel.organisationId(), status.referenceId().get());
            message.ifPresent(m -> {
                m.acceptedAs(status.wamid(), status.timestamp());
                named.put(status.wamid(), m);
                // Statuses of later batches find it by Meta's id.
                messages.writeNow(m);
            });
        }
        Optional<Integer> code = status.error().map(e -> e.code());
        Optional<String> detail = status.error().map(e -> e.details().orElse(e.message()));
        if (message.isPresent()) {
            boolean advanced = message.get().advanceTo(next, status.timestamp(), code, detail);
            billing.follow(message.get(), status.pricing(), Instant.now());
            if (advanced) {
                if (next == DeliveryStatus.FAILED) {
                    optOuts.messageFailed(message.get(), code);
                }
                changes.fire(ConversationEvent.status(channel.organisationId(),
                        message.get().conversationId(), message.get().id()));
            }
        } else {
            earlyStatuses.keep(new EarlyStatus(status.wamid(), next, status.timestamp(), code, detail));
        }
    }
}
