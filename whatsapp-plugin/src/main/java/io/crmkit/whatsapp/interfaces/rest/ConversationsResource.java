package io.crmkit.whatsapp.interfaces.rest;

import io.crmkit.plugin.api.Contact;
import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.plugin.api.PipelineRecord;
import io.crmkit.plugin.api.User;
import io.crmkit.whatsapp.application.Permissions;
import io.crmkit.whatsapp.application.conversations.ConversationQuery;
import io.crmkit.whatsapp.application.conversations.ConversationService;
import io.crmkit.whatsapp.application.inbound.MediaDownloads;
import io.crmkit.whatsapp.application.outbound.Outbox;
import io.crmkit.whatsapp.application.outbound.ReplyOptions;
import io.crmkit.whatsapp.domain.AccessLevel;
import io.crmkit.whatsapp.domain.Channel;
import io.crmkit.whatsapp.domain.ChannelStatus;
import io.crmkit.whatsapp.domain.Conversation;
import io.crmkit.whatsapp.domain.DisplayableFormat;
import io.crmkit.whatsapp.domain.MediaFile;
import io.crmkit.whatsapp.domain.Message;
import io.crmkit.whatsapp.domain.MessageDetails;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import io.crmkit.whatsapp.domain.UploadedFileName;
import io.crmkit.whatsapp.infrastructure.web.ContentDisposition;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** {@code /api/whatsapp/conversations} and {@code /api/whatsapp/unread-count}: the Messages tab's data. */
@Path("whatsapp")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConversationsResource {
    @Inject
    ConversationService conversations;
    @Inject
    CrmHost host;
    @Inject
    Callers callers;
    @Inject
    RelatedRecordsApi relatedRecords;
    @Inject
    MediaDownloads downloads;
    @Inject
    Outbox outbox;
    @Inject
    ReplyOptions replyOptions;
    @Inject
    Permissions permissions;

    private CurrentUser caller() {
        return callers.user();
    }

    /** A conversation in the list. */
    /**
     * A conversation as the list and the thread show it.
     *
     * @param channelName   the name of the number it is on, so that two chats of one customer can be told apart
     * @param channelStatus {@code CONNECTED}, {@code NEEDS_REAUTH} or {@code DISCONNECTED}: only a connected number
     *                      can answer
     * @param phone         E.164, for links and search
     * @param phoneDisplay  as the customer's country writes it, for people
     */
    public record ConversationView(long id, long channelId, String channelName, String channelStatus, long contactId,
                                   String contactName, String phone, String phoneDisplay, Long ownerId, int unreadCount,
                                   Instant lastMessageAt, String lastMessagePreview, Instant windowExpiresAt) {
    }

    public record ConversationList(List<ConversationView> items, String nextCursor) {
    }

    /**
     * A message's file.
     *
     * @param state {@code PENDING} while downloading, {@code DOWNLOADED} (then {@code url} serves it) or
     *              {@code FAILED} (a user may retry)
     */
    public record Attachment(String fileName, String mimeType, Long size, String url, String state) {
    }

    public record ErrorView(Integer code, String detail) {
    }

    /**
     * A message of the thread; {@code details} carries kind-specific data (location, quoted message, reaction ...).
     *
     * @param authorName who of the business wrote an outbound message
     */
    public record MessageView(long id, String direction, String type, String text, String status, Instant at, String wamid,
                              String authorName, Attachment attachment, ErrorView error, MessageDetails details) {
    }

    public record UnreadCount(long count) {
    }

    private ConversationView view(CurrentUser user, Conversation c) {
        return views(user, List.of(c)).get(0);
    }

    /**
     * Conversations as this caller may see them, their contacts found in one call: users who may only view
     * incoming messages see what the customer wrote last.
     */
    private List<ConversationView> views(CurrentUser user, List<Conversation> conversations) {
        Map<Long, Contact> contacts = host.organisation(user.organisationId()).contacts()
                .findAll(conversations.stream().map(Conversation::contactId).toList()).stream()
                .collect(Collectors.toMap(Contact::id, contact -> contact));
        boolean seesAnswers = permissions.levelOf(user).includes(AccessLevel.VIEW_AND_REPLY);
        Map<Long, Channel> channels = this.conversations.channelsOf(user);
        return conversations.stream().map(c -> {
            Optional<Channel> channel = Optional.ofNullable(channels.get(c.channelId()));
            Optional<Contact> contact = Optional.ofNullable(contacts.get(c.contactId()));
            String phone = contact.flatMap(Contact::phone).or(() -> c.customer().phoneNumber()).orElse(null);
            return new ConversationView(c.id(), c.channelId(), channel.map(Channel::name).orElse(""),
                    channel.map(ch -> ch.status().name()).orElse(ChannelStatus.DISCONNECTED.name()), c.contactId(),
                    contact.map(found -> found.displayNameIn(user.locale())).filter(n -> !n.isBlank()).orElse(c.customerName()), phone,
                    phone == null ? null : PhoneDisplay.of(phone),
                    c.ownerId().orElse(null), c.unreadCount(),
                    seesAnswers ? c.lastMessageAt() : c.lastInboundAt().orElse(c.lastMessageAt()),
                    seesAnswers ? c.lastMessagePreview() : c.lastInboundPreview(), c.windowExpiresAt().orElse(null));
        }).toList();
    }

    private MessageView view(CurrentUser user, Message m, Map<Long, MediaFile> media) {
        return views(user, List.of(m), media).get(0);
    }

    /** Messages as the thread shows them, their authors' names found in one call. */
    private List<MessageView> views(CurrentUser user, List<Message> messages, Map<Long, MediaFile> media) {
        Map<Long, String> authors = messages.stream().anyMatch(m -> m.authorId().isPresent())
                ? host.organisation(user.organisationId()).users().list().stream()
                        .collect(Collectors.toMap(User::id, User::name))
                : Map.of();
        return messages.stream().map(m -> view(m, media, m.authorId().map(authors::get))).toList();
    }

    private static MessageView view(Message m, Map<Long, MediaFile> media, Optional<String> author) {
        MediaFile file = media.get(m.id());
        Attachment attachment = file == null ? null : new Attachment(file.fileName().orElse(null), file.mimeType(),
                file.size().orElse(null), file.isHere()
                ? "/api/whatsapp/conversations/" + m.conversationId() + "/messages/" + m.id() + "/media" : null,
                file.state().name());
        ErrorView error = m.errorCode().isPresent() || m.errorDetail().isPresent()
                ? new ErrorView(m.errorCode().orElse(null), m.errorDetail().orElse(null)) : null;
        return new MessageView(m.id(), m.direction().name(), m.type(), m.text().orElse(null), m.status().name(), m.sentAt(),
                m.wamid().orElse(null), author.orElse(null), attachment, error, m.details());
    }

    @GET
    @Path("conversations")
    public ConversationList list(@QueryParam("view") String view, @QueryParam("unread") boolean unread,
                                 @QueryParam("ownerId") Long ownerId, @QueryParam("channelId") Long channelId,
                                 @QueryParam("contactId") Long contactId,
                                 @QueryParam("pipelineRecordId") Long pipelineRecordId,
                                 @QueryParam("q") String text, @QueryParam("limit") Integer limit,
                                 @QueryParam("cursor") String cursor) {
        CurrentUser user = caller();
        if (pipelineRecordId != null) {
            // A pipeline record's chats are its contact's; a record without a contact (or of no one's) has none.
            Optional<Long> recordContact = host.organisation(user.organisationId()).pipelines().find(pipelineRecordId)
                    .flatMap(PipelineRecord::contactId);
            if (recordContact.isEmpty()) {
                conversations.requireView(user);
                return new ConversationList(List.of(), null);
            }
            contactId = recordContact.get();
        }
        String chosenView = view == null ? "ALL" : view.toUpperCase(Locale.ROOT);
        if (!chosenView.equals("ALL") && !chosenView.equals("MINE")) {
            throw Refusal.invalid("view", RefusalText.MUST_BE_ONE_OF, "view", "ALL, MINE");
        }
        int size = Paging.limit(limit, 50, 200);
        ConversationService.ConversationPage page = conversations.list(user, new ConversationQuery(chosenView.equals("MINE"),
                unread, Optional.ofNullable(ownerId), Optional.ofNullable(channelId), Optional.ofNullable(contactId),
                Optional.ofNullable(text).map(String::strip).filter(t -> !t.isEmpty()), size,
                Optional.ofNullable(cursor).filter(c -> !c.isBlank())));
        return new ConversationList(views(user, page.items()), page.nextCursor().orElse(null));
    }

    @GET
    @Path("conversations/{id: [0-9]+}")
    public ConversationView get(@PathParam("id") long id) {
        CurrentUser user = caller();
        return view(user, conversations.get(user, id));
    }

    /**
     * What the caller may send in the conversation now, as the server will judge it: the window, the lengths and
     * files accepted, and the quick replies filled for this customer.
     */
    public record ReplyOptionsView(String channelStatus, boolean windowOpen, Instant windowExpiresAt, int textMax,
                                   int captionMax, List<ReplyOptions.FileRule> files,
                                   List<ReplyOptions.FilledQuickReply> quickReplies) {
    }

    @GET
    @Path("conversations/{id: [0-9]+}/reply-options")
    public ReplyOptionsView replyOptions(@PathParam("id") long id) {
        ReplyOptions.Options options = replyOptions.inConversation(caller(), id);
        return new ReplyOptionsView(options.channelStatus().name(), options.windowOpen(),
                options.windowExpiresAt().orElse(null), options.textMax(),
                options.captionMax(), options.files(), options.quickReplies());
    }

    /** Assigns the owner: {@code {ownerId}}. */
    @PATCH
    @Path("conversations/{id: [0-9]+}")
    public ConversationView assign(@PathParam("id") long id, JsonObject body) {
        CurrentUser user = caller();
        JsonValue owner = body == null ? null : body.get("ownerId");
        if (!(owner instanceof JsonNumber number) || !number.isIntegral()) {
            throw Refusal.invalid("ownerId", RefusalText.MUST_BE_USER_ID, "ownerId");
        }
        return view(user, conversations.assign(user, id, number.longValue()));
    }

    @POST
    @Path("conversations/{id: [0-9]+}/read")
    public ConversationView read(@PathParam("id") long id) {
        CurrentUser user = caller();
        return view(user, conversations.markRead(user, id));
    }

    @POST
    @Path("conversations/{id: [0-9]+}/unread")
    public ConversationView unread(@PathParam("id") long id) {
        CurrentUser user = caller();
        return view(user, conversations.markUnread(user, id));
    }

    /** The thread, oldest first: the latest {@code limit} (default 100) messages, or those before message {@code before}. */
    @GET
    @Path("conversations/{id: [0-9]+}/messages")
    public List<MessageView> messages(@PathParam("id") long id, @QueryParam("limit") Integer limit,
                                      @QueryParam("before") Long before) {
        int size = Paging.limit(limit, 100, 500);
        CurrentUser user = caller();
        List<Message> thread = conversations.messages(user, id, size, Optional.ofNullable(before));
        var media = conversations.mediaFiles(thread.stream().map(Message::id).toList());
        return views(user, thread, media);
    }

    /**
     * Queues an answer: {@code {text, replyTo?}} (replyTo: the wamid of a quoted message), or an approved template
     * {@code {templateId, params?, pipelineRecordId?}} (params: values typed by the agent, by parameter key). 202 with
     * the queued message; its status then moves as Meta reports it (live through the events).
     */
    @POST
    @Path("conversations/{id: [0-9]+}/messages")
    public Response send(@PathParam("id") long id, JsonObject body) {
        if (body != null && body.containsKey("templateId")) {
            long templateId = JsonFields.id(body, "templateId").orElseThrow(
                    () -> Refusal.invalid("templateId", RefusalText.MUST_BE_AN_ID, "templateId"));
            Message queued = outbox.queueTemplate(caller(), id, templateId, JsonFields.id(body, "pipelineRecordId"),
                    TemplatesResource.params(body));
            return Response.accepted(view(caller(), queued, Map.of())).build();
        }
        if (body == null || !(body.get("text") instanceof JsonString text)) {
            throw Refusal.invalid("text", RefusalText.REQUIRED, "text");
        }
        Message queued = outbox.queueText(caller(), id, text.getString(), optionalText(body.get("replyTo")));
        return Response.accepted(view(caller(), queued, Map.of())).build();
    }

    /**
     * Queues a file: {@code multipart/form-data} with {@code file}, and optionally {@code caption} and
     * {@code replyTo}. Refused with {@code UNSUPPORTED_ATTACHMENT} or {@code ATTACHMENT_TOO_LARGE}, nothing queued.
     */
    @POST
    @Path("conversations/{id: [0-9]+}/messages")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @AnswerableBeforeUpload
    public Response sendFile(@PathParam("id") long id, List<EntityPart> parts) {
        EntityPart file = parts.stream().filter(p -> "file".equals(p.getName())).findFirst()
                .orElseThrow(() -> Refusal.invalid("file", RefusalText.CHOOSE_FILE));
        try (InputStream content = file.getContent()) {
            Message queued = outbox.queueAttachment(caller(), id, UploadedFileName.of(file.getFileName().orElse("")), content,
                    textPart(parts, "caption"), textPart(parts, "replyTo"));
            return Response.accepted(view(caller(), queued, conversations.mediaFiles(List.of(queued.id())))).build();
        } catch (IOException | java.io.UncheckedIOException unreadable) {
            throw Refusal.invalid("file", RefusalText.UPLOAD_BROKE_OFF);
        }
    }

    private static Optional<String> optionalText(JsonValue value) {
        return value instanceof JsonString string ? Optional.of(string.getString()) : Optional.empty();
    }

    private static Optional<String> textPart(List<EntityPart> parts, String name) {
        return parts.stream().filter(p -> name.equals(p.getName())).findFirst().map(part -> {
            try {
                return part.getContent(String.class);
            } catch (IOException unreadable) {
                throw Refusal.invalid(name, RefusalText.PART_UNREADABLE, name);
            }
        }).filter(text -> !text.isBlank());
    }

    /** Sends a failed message again. */
    @POST
    @Path("conversations/{id: [0-9]+}/messages/{messageId: [0-9]+}/retry")
    public Response retry(@PathParam("id") long id, @PathParam("messageId") long messageId) {
        return Response.accepted(view(caller(), outbox.retry(caller(), id, messageId), Map.of())).build();
    }

    /**
     * The file of a message, once downloaded. Only pictures and PDFs, as their content proves them, are shown in
     * the browser; anything else, whatever type the sender claimed, is a download of plain bytes. The answer may
     * never run as a page of the CRM: it is sandboxed and may load nothing.
     */
    @GET
    @Path("conversations/{id: [0-9]+}/messages/{messageId: [0-9]+}/media")
    @Produces(MediaType.WILDCARD)
    public Response media(@PathParam("id") long id, @PathParam("messageId") long messageId) {
        ConversationService.MediaContent file = conversations.media(caller(), id, messageId);
        Optional<DisplayableFormat> displayable = DisplayableFormat.of(file.bytes());
        String name = file.fileName().orElse("whatsapp-" + messageId);
        return Response.ok(file.bytes(), displayable.map(DisplayableFormat::mimeType).orElse(MediaType.APPLICATION_OCTET_STREAM))
                .header("Content-Disposition", ContentDisposition.of(displayable.isPresent(), name))
                .header("X-Content-Type-Options", "nosniff")
                .header("Content-Security-Policy", "sandbox; default-src 'none'").build();
    }

    /** Tries a failed download of a message's file again. */
    @POST
    @Path("conversations/{id: [0-9]+}/messages/{messageId: [0-9]+}/media/retry")
    public Response retryMedia(@PathParam("id") long id, @PathParam("messageId") long messageId) {
        if (!conversations.retryMedia(caller(), id, messageId, downloads)) {
            throw Refusal.invalid("messageId", RefusalText.FILE_NOT_WAITING_FOR_RETRY);
        }
        return Response.accepted().build();
    }

    /** What the caller may do with WhatsApp messages, so that screens offer only that. */
    public record MyAccess(String level) {
    }

    @GET
    @Path("me")
    public MyAccess me() {
        return new MyAccess(permissions.levelOf(caller()).name());
    }

    @GET
    @Path("unread-count")
    public UnreadCount unreadCount() {
        return new UnreadCount(conversations.unreadCount(caller()));
    }

    /** A number chats arrive on, as the list's filter offers it to anyone who may see the chats. */
    public record NumberView(long id, String name, String displayPhoneNumber, String status) {
    }

    @GET
    @Path("numbers")
    public List<NumberView> numbers() {
        CurrentUser user = caller();
        conversations.requireView(user);
        return conversations.channelsOf(user).values().stream().sorted(Comparator.comparing(Channel::id))
                .map(c -> new NumberView(c.id(), c.name(), c.displayPhoneNumber(), c.status().name())).toList();
    }

    // ---- the CRM beside the chat (RelatedRecordsApi) ----

    @GET
    @Path("conversations/{id: [0-9]+}/related")
    public RelatedRecordsApi.RelatedView related(@PathParam("id") long id) {
        return relatedRecords.get(id);
    }

    @PATCH
    @Path("conversations/{id: [0-9]+}/contact")
    public RelatedRecordsApi.ContactView changeContact(@PathParam("id") long id, JsonObject body) {
        return relatedRecords.changeContact(id, body);
    }

    @PATCH
    @Path("conversations/{id: [0-9]+}/pipeline-records/{recordId: [0-9]+}")
    public RelatedRecordsApi.RecordView changeRecord(@PathParam("id") long id, @PathParam("recordId") long recordId,
                                                          JsonObject body) {
        return relatedRecords.changeRecord(id, recordId, body);
    }

    @POST
    @Path("conversations/{id: [0-9]+}/pipeline-records")
    public Response createRecord(@PathParam("id") long id, JsonObject body) {
        return relatedRecords.createRecord(id, body);
    }

    @POST
    @Path("conversations/{id: [0-9]+}/notes")
    public Response addNotes(@PathParam("id") long id, JsonObject body) {
        return relatedRecords.addNotes(id, body);
    }

    /** A contact card the customer sent, saved as a contact (201) or found already in the CRM (200). */
    @POST
    @Path("conversations/{id: [0-9]+}/messages/{messageId: [0-9]+}/contact-cards/{index: [0-9]+}")
    public Response contactFromCard(@PathParam("id") long id, @PathParam("messageId") long messageId,
                                    @PathParam("index") int index) {
        return relatedRecords.contactFromCard(id, messageId, index);
    }

    /** The customer's new number, confirmed: the contact's phone changes and the chat follows the number. */
    @POST
    @Path("conversations/{id: [0-9]+}/messages/{messageId: [0-9]+}/number-change")
    public RelatedRecordsApi.ContactView applyNumberChange(@PathParam("id") long id, @PathParam("messageId") long messageId) {
        return relatedRecords.applyNumberChange(id, messageId);
    }
}
