package io.crmkit.it.support;

import io.crmkit.plugin.api.Contact;
import io.crmkit.plugin.api.PipelineRecord;
import io.crmkit.plugin.api.RecordRef;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.net.URL;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The reference host, through its own REST API under {@code /api/crm}. */
public record ReferenceHostRecords(URL base) implements HostRecords {

    @Override
    public String databaseUrl() {
        return System.getProperty("it.db.url");
    }

    @Override
    public ApiClient administrator() {
        return Organisations.administrator(base);
    }

    @Override
    public long administratorId() {
        return Organisations.administratorId(base);
    }

    @Override
    public ApiClient outsider() {
        return Organisations.outsider(base);
    }

    @Override
    public long newProfile() {
        return administrator().post("/api/crm/profiles", Json.createObjectBuilder().add("name", "Profile " + UUID.randomUUID())
                .build()).id();
    }

    @Override
    public ApiClient newUser(long profileId) {
        String username = "user" + UUID.randomUUID().toString().substring(0, 8);
        administrator().post("/api/crm/users", Json.createObjectBuilder().add("username", username).add("name", "User " + username)
                .add("profileId", profileId).add("password", "user-password").build());
        return ApiClient.as(base, username, "user-password");
    }

    @Override
    public long newContact(String firstName, String lastName, String phone) {
        return administrator().post("/api/crm/contacts", Json.createObjectBuilder().add("firstName", firstName)
                .add("lastName", lastName).add("phone", phone).build()).id();
    }

    @Override
    public long newCompany(String name) {
        return administrator().post("/api/crm/companies", Json.createObjectBuilder().add("name", name).build()).id();
    }

    @Override
    public void moveToCompany(long contactId, long companyId) {
        administrator().patch("/api/crm/contacts/" + contactId, Json.createObjectBuilder().add("companyId", companyId).build());
    }

    @Override
    public List<String> stages() {
        return administrator().get("/api/crm/pipelines/stages").structure().asJsonArray().getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
    }

    @Override
    public long newPipelineRecord(String name, String stage, Optional<BigDecimal> amount, Optional<Long> contactId) {
        JsonObjectBuilder record = Json.createObjectBuilder().add("name", name).add("stage", stage);
        amount.ifPresent(value -> record.add("amount", value));
        contactId.ifPresent(id -> record.add("contactId", id));
        return administrator().post("/api/crm/pipelines", record.build()).id();
    }

    @Override
    public void addNote(RecordRef record, String text) {
        administrator().post("/api/crm/" + record.module().pathSegment() + "/" + record.id() + "/notes",
                Json.createObjectBuilder().add("text", text).build());
    }

    private static Optional<String> text(JsonObject json, String name) {
        return json.get(name) instanceof JsonString value ? Optional.of(value.getString()) : Optional.empty();
    }

    private static Optional<Long> id(JsonObject json, String name) {
        return json.get(name) instanceof JsonNumber value ? Optional.of(value.longValue()) : Optional.empty();
    }

    @Override
    public Contact contact(long contactId) {
        JsonObject contact = administrator().get("/api/crm/contacts/" + contactId).json();
        return new Contact(contactId, contact.getString("firstName"), contact.getString("lastName"), text(contact, "phone"),
                text(contact, "email"), id(contact, "companyId"), id(contact, "ownerId"));
    }

    @Override
    public String companyName(long companyId) {
        return administrator().get("/api/crm/companies/" + companyId).json().getString("name");
    }

    @Override
    public long companyCount() {
        return TestDatabase.number("select count(*) from crm.company");
    }

    @Override
    public PipelineRecord pipelineRecord(long recordId) {
        JsonObject record = administrator().get("/api/crm/pipelines/" + recordId).json();
        return new PipelineRecord(recordId, record.getString("name"), record.getString("stage"),
                record.get("amount") instanceof JsonNumber amount ? Optional.of(amount.bigDecimalValue()) : Optional.empty(),
                id(record, "contactId"), id(record, "companyId"), id(record, "ownerId"));
    }

    @Override
    public List<String> notes(RecordRef record) {
        return administrator().get("/api/crm/" + record.module().pathSegment() + "/" + record.id() + "/notes").structure()
                .asJsonArray().stream().map(JsonValue::asJsonObject).map(note -> note.getString("text")).toList();
    }

    @Override
    public String pageOf(RecordRef record) {
        return "/app/" + record.module().pathSegment() + "/" + record.id();
    }
}
