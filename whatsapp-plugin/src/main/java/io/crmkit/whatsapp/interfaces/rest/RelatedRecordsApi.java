package io.crmkit.whatsapp.interfaces.rest;

import io.crmkit.plugin.api.Company;
import io.crmkit.plugin.api.Contact;
import io.crmkit.plugin.api.ContactChanges;
import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.plugin.api.Note;
import io.crmkit.plugin.api.PipelineRecord;
import io.crmkit.plugin.api.PipelineRecordChanges;
import io.crmkit.plugin.api.RecordModule;
import io.crmkit.plugin.api.RecordRef;
import io.crmkit.plugin.api.User;
import io.crmkit.whatsapp.application.conversations.RelatedRecords;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.core.Response;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The CRM beside a chat, served under {@code /api/whatsapp/conversations/{id}/…} by {@link ConversationsResource}
 * (one root resource per path): the related history, quick changes to the contact and its pipeline records, a
 * pipeline record from the chat, and messages as notes. Links lead to the host's record pages.
 */
@RequestScoped
public class RelatedRecordsApi {
    @Inject
    RelatedRecords related;
    @Inject
    CrmHost host;
    @Inject
    Callers callers;

    public record UserRef(long id, String name) {
    }

    public record ContactView(long id, String name, String firstName, String lastName, String phone, String phoneDisplay,
                              String email, UserRef owner, Long companyId, String link) {
    }

    public record CompanyView(long id, String name, String link) {
    }

    public record RecordView(long id, String name, String stage, String stageLabel, BigDecimal amount, UserRef owner,
                             String link) {
    }

    public record NoteView(long id, String text, Instant createdAt, UserRef author) {
    }

    /** Everything the side panel shows, with the stages a record may move to and the users it may be given to. */
    public record RelatedView(ContactView contact, CompanyView company, List<RecordView> pipelineRecords, List<NoteView> notes,
                              List<RelatedRecords.Stage> stages, List<UserRef> users) {
    }

    public RelatedView get(long id) {
        CurrentUser user = callers.user();
        RelatedRecords.Related found = related.related(user, id);
        Map<Long, User> users = found.users().stream().collect(Collectors.toMap(User::id, Function.identity()));
        Function<Optional<Long>, UserRef> userRef = userId -> userId.map(users::get).map(u -> new UserRef(u.id(), u.name()))
                .orElse(null);
        return new RelatedView(contactView(user, found.contact(), userRef),
                found.company().map(this::companyView).orElse(null),
                found.records().stream().map(record -> recordView(record, found.labelOf(record.stage()), userRef)).toList(),
                found.notes().stream().map(note -> new NoteView(note.id(), note.text(), note.createdAt(),
                        userRef.apply(Optional.of(note.authorId())))).toList(),
                found.stages(), found.users().stream().map(u -> new UserRef(u.id(), u.name())).toList());
    }

    /** {@code {firstName?, lastName?, email?, companyId?, newCompanyName?}}: the contact's details. */
    public ContactView changeContact(long id, JsonObject body) {
        CurrentUser user = callers.user();
        JsonObject request = body == null ? JsonValue.EMPTY_JSON_OBJECT : body;
        Contact changed = related.changeContact(user, id, new ContactChanges(JsonFields.text(request, "firstName"),
                JsonFields.text(request, "lastName"), JsonFields.text(request, "email"), JsonFields.id(request, "companyId")),
                JsonFields.text(request, "newCompanyName"));
        return contactView(user, changed, userId -> null);
    }

    /** {@code {stage?, amount?, ownerId?}}: one of the contact's pipeline records. */
    public RecordView changeRecord(long id, long recordId, JsonObject body) {
        JsonObject request = body == null ? JsonValue.EMPTY_JSON_OBJECT : body;
        CurrentUser user = callers.user();
        PipelineRecord changed = related.changeRecord(user, id, recordId, new PipelineRecordChanges(
                JsonFields.text(request, "stage"), JsonFields.decimal(request, "amount"), JsonFields.id(request, "ownerId")));
        return recordView(changed, stageLabel(user, changed), userId -> null);
    }

    /** {@code {name, stage?, amount?, messageIds}}: a pipeline record for the customer, the messages as its notes. */
    public Response createRecord(long id, JsonObject body) {
        JsonObject request = body == null ? JsonValue.EMPTY_JSON_OBJECT : body;
        CurrentUser user = callers.user();
        PipelineRecord created = related.createRecord(user, id, JsonFields.text(request, "name").orElse(""),
                JsonFields.text(request, "stage"), JsonFields.decimal(request, "amount"), JsonFields.ids(request, "messageIds", RefusalText.MUST_BE_IDS));
        RecordView view = recordView(created, stageLabel(user, created), userId -> null);
        return Response.created(URI.create(view.link())).entity(view).build();
    }

    /** {@code {messageIds, record?: {module, id}}}: messages as notes on the contact (or the record named). */
    public Response addNotes(long id, JsonObject body) {
        JsonObject request = body == null ? JsonValue.EMPTY_JSON_OBJECT : body;
        Optional<RecordRef> target = Optional.ofNullable(request.get("record")).filter(JsonObject.class::isInstance)
                .map(JsonValue::asJsonObject).map(RelatedRecordsApi::recordRef);
        List<Note> notes = related.addNotes(callers.user(), id, JsonFields.ids(request, "messageIds", RefusalText.MUST_BE_IDS), target);
        return Response.status(Response.Status.CREATED).entity(Map.of("notes", notes.stream()
                .map(note -> new NoteView(note.id(), note.text(), note.createdAt(), null)).toList())).build();
    }

    Response contactFromCard(long id, long messageId, int index) {
        CurrentUser user = callers.user();
        RelatedRecords.CardContact saved = related.contactFromCard(user, id, messageId, index);
        return Response.status(saved.created() ? Response.Status.CREATED : Response.Status.OK)
                .entity(contactView(user, saved.contact(), userId -> null)).build();
    }

    ContactView applyNumberChange(long id, long messageId) {
        CurrentUser user = callers.user();
        return contactView(user, related.applyNumberChange(user, id, messageId), userId -> null);
    }

    private ContactView contactView(CurrentUser user, Contact contact, Function<Optional<Long>, UserRef> userRef) {
        return new ContactView(contact.id(), contact.displayNameIn(user.locale()), contact.firstName(), contact.lastName(),
                contact.phone().orElse(null), contact.phone().map(PhoneDisplay::of).orElse(null), contact.email().orElse(null),
                userRef.apply(contact.ownerId()), contact.companyId().orElse(null), link(RecordRef.contact(contact.id())));
    }

    private CompanyView companyView(Company company) {
        return new CompanyView(company.id(), company.name(), link(RecordRef.company(company.id())));
    }

    private RecordView recordView(PipelineRecord record, String stageLabel, Function<Optional<Long>, UserRef> userRef) {
        return new RecordView(record.id(), record.name(), record.stage(), stageLabel, record.amount().orElse(null),
                userRef.apply(record.ownerId()), link(RecordRef.pipelineRecord(record.id())));
    }

    private String stageLabel(CurrentUser user, PipelineRecord record) {
        return host.organisation(user.organisationId()).pipelines().stageLabel(record.stage(), user.locale());
    }

    private String link(RecordRef record) {
        return host.links().pageOf(record).toString();
    }

    private static RecordRef recordRef(JsonObject record) {
        String module = JsonFields.text(record, "module").orElse("").toLowerCase(Locale.ROOT);
        long id = JsonFields.id(record, "id").orElseThrow(() -> Refusal.invalid("record", RefusalText.REQUIRED, "record.id"));
        for (RecordModule known : RecordModule.values()) {
            if (known.pathSegment().equals(module)) {
                return new RecordRef(known, id);
            }
        }
        throw Refusal.invalid("record", RefusalText.MUST_BE_ONE_OF, "record.module", "contacts, companies, pipelines");
    }
}
