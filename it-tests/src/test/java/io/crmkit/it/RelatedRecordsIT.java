package io.crmkit.it;

import io.crmkit.it.support.ApiClient.Answer;
import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.Organisations;
import io.crmkit.it.support.TestDatabase;
import io.crmkit.it.support.Webhooks;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.List;
import java.util.UUID;

import static io.crmkit.it.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CRM beside a chat: the customer's history read, and their contact, company, pipeline records and notes changed
 * from the chat through the host's services, with the host's own pages showing the changes at once.
 */
@ExtendWith(ArquillianExtension.class)
class RelatedRecordsIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application();
    }

    private ApiClient admin() {
        return Organisations.administrator(base);
    }

    /** A chat with a new customer who wrote twice; answers {conversation, contact, first message, second message}. */
    private long[] chat() throws Exception {
        JsonObject channel = admin().post("/api/whatsapp/channels", Json.createObjectBuilder().add("mode", "SANDBOX")
                .add("name", "Related").add("assigneeIds", Json.createArrayBuilder().add(Organisations.administratorId(base)))
                .build()).json();
        String customer = "8190" + (10_000_000 + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 89_999_999L));
        List<String> wamids = new java.util.ArrayList<>();
        for (String text : List.of("I would like 20 boxes of green tea", "Delivery to Osaka, please")) {
            wamids.add(ApiClient.sandbox(base).post("/sandbox/api/customers/" + customer + "/messages", Json.createObjectBuilder()
                    .add("phoneNumberId", channel.getString("phoneNumberId")).add("name", "Yuki Tanaka").add("type", "text")
                    .add("text", text).build()).json().getJsonArray("wamids").getString(0));
        }
        eventually("both messages", 20, () -> TestDatabase.number("select count(*) from whatsapp.message where wamid in (?, ?)",
                wamids.get(0), wamids.get(1)) == 2);
        long conversation = TestDatabase.number("select conversation_id from whatsapp.message where wamid = ?", wamids.get(0));
        return new long[]{conversation, TestDatabase.number("select contact_id from whatsapp.conversation where id = ?", conversation),
                TestDatabase.number("select id from whatsapp.message where wamid = ?", wamids.get(0)),
                TestDatabase.number("select id from whatsapp.message where wamid = ?", wamids.get(1))};
    }

    private String path(long[] chat, String tail) {
        return "/api/whatsapp/conversations/" + chat[0] + tail;
    }

    @Test
    void theChatShowsTheCustomersContactCompanyRecordsAndNotesWithLinksToTheirPages() throws Exception {
        long[] chat = chat();
        long company = admin().post("/api/crm/companies", Json.createObjectBuilder().add("name", "Tanaka Tea").build()).id();
        admin().patch("/api/crm/contacts/" + chat[1], Json.createObjectBuilder().add("companyId", company).build());
        String stage = admin().get("/api/crm/pipelines/stages").structure().asJsonArray().getString(0);
        long older = admin().post("/api/crm/pipelines", Json.createObjectBuilder().add("name", "Spring order").add("stage", stage)
                .add("contactId", chat[1]).build()).id();
        long newer = admin().post("/api/crm/pipelines", Json.createObjectBuilder().add("name", "Summer order").add("stage", stage)
                .add("amount", 14400).add("contactId", chat[1]).build()).id();
        admin().post("/api/crm/contacts/" + chat[1] + "/notes", Json.createObjectBuilder().add("text", "Prefers mornings").build());

        JsonObject related = admin().get(path(chat, "/related")).json();
        JsonObject contact = related.getJsonObject("contact");
        assertEquals("Yuki", contact.getString("firstName"));
        assertEquals("/app/contacts/" + chat[1], contact.getString("link"));
        assertEquals("Tanaka Tea", related.getJsonObject("company").getString("name"));
        assertEquals("/app/companies/" + company, related.getJsonObject("company").getString("link"));
        JsonArray records = related.getJsonArray("pipelineRecords");
        assertEquals(List.of(newer, older), records.stream().map(r -> r.asJsonObject().getJsonNumber("id").longValue()).toList(),
                "newest first");
        assertEquals(14400, records.getJsonObject(0).getJsonNumber("amount").intValue());
        assertEquals("Prefers mornings", related.getJsonArray("notes").getJsonObject(0).getString("text"));
        assertTrue(related.getJsonArray("stages").size() > 1);
    }

    @Test
    void quickChangesAreTheHostsOwnRecordsAndARefusedFieldChangesNothing() throws Exception {
        long[] chat = chat();
        Answer changed = admin().patch(path(chat, "/contact"), Json.createObjectBuilder().add("email", "yuki@example.com")
                .add("newCompanyName", "Osaka Tea House").build());
        assertEquals(200, changed.status(), changed.body());
        JsonObject atTheHost = admin().get("/api/crm/contacts/" + chat[1]).json();
        assertEquals("yuki@example.com", atTheHost.getString("email"));
        long company = atTheHost.getJsonNumber("companyId").longValue();
        assertEquals("Osaka Tea House", admin().get("/api/crm/companies/" + company).json().getString("name"));

        long companies = TestDatabase.number("select count(*) from crm.company");
        Answer refused = admin().patch(path(chat, "/contact"), Json.createObjectBuilder().add("firstName", "Changed")
                .add("email", "not an email").add("newCompanyName", "Half Stored Co").build());
        assertEquals(400, refused.status(), refused.body());
        assertEquals("VALIDATION_FAILED", refused.code());
        assertEquals("email", refused.json().getString("field"));
        assertEquals("Yuki", admin().get("/api/crm/contacts/" + chat[1]).json().getString("firstName"), "nothing half-changed");
        assertEquals(companies, TestDatabase.number("select count(*) from crm.company"), "not even the company");
        Answer inJapanese = admin().patchWith(path(chat, "/contact"), Json.createObjectBuilder().add("email", "x").build(),
                "Cookie", "crm-lang=ja");
        assertTrue(inJapanese.json().getString("detail").contains("メールアドレス"), inJapanese.body());

        List<String> stages = admin().get("/api/crm/pipelines/stages").structure().asJsonArray().getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList();
        long record = admin().post("/api/crm/pipelines", Json.createObjectBuilder().add("name", "Tea order").add("stage", stages.get(0))
                .add("contactId", chat[1]).build()).id();
        Answer moved = admin().patch(path(chat, "/pipeline-records/" + record), Json.createObjectBuilder()
                .add("stage", stages.get(1)).add("amount", 52000).add("ownerId", Organisations.administratorId(base)).build());
        assertEquals(200, moved.status(), moved.body());
        JsonObject deal = admin().get("/api/crm/pipelines/" + record).json();
        assertEquals(stages.get(1), deal.getString("stage"));
        assertEquals(52000, deal.getJsonNumber("amount").intValue());
        Answer badStage = admin().patch(path(chat, "/pipeline-records/" + record), Json.createObjectBuilder()
                .add("stage", "No such stage").add("amount", 1).build());
        assertEquals("stage", badStage.json().getString("field"));
        assertEquals(52000, admin().get("/api/crm/pipelines/" + record).json().getJsonNumber("amount").intValue());

        long someoneElses = admin().post("/api/crm/pipelines", Json.createObjectBuilder().add("name", "Not theirs")
                .add("stage", stages.get(0)).build()).id();
        assertEquals(404, admin().patch(path(chat, "/pipeline-records/" + someoneElses), Json.createObjectBuilder()
                .add("stage", stages.get(1)).build()).status(), "only the customer's own records change from their chat");
        assertEquals(404, Organisations.outsider(base).patch(path(chat, "/contact"), Json.createObjectBuilder()
                .add("email", "intruder@example.com").build()).status());
    }

    @Test
    void aPipelineRecordFromTheChatTakesTheChosenMessagesAsNotes() throws Exception {
        long[] chat = chat();
        Answer created = admin().post(path(chat, "/pipeline-records"), Json.createObjectBuilder().add("name", "Green tea, 20 boxes")
                .add("amount", 36000).add("messageIds", Json.createArrayBuilder().add(chat[3]).add(chat[2])).build());
        assertEquals(201, created.status(), created.body());
        long record = created.json().getJsonNumber("id").longValue();
        JsonObject deal = admin().get("/api/crm/pipelines/" + record).json();
        assertEquals(chat[1], deal.getJsonNumber("contactId").longValue(), "linked to the customer's contact");
        List<String> notes = admin().get("/api/crm/pipelines/" + record + "/notes").structure().asJsonArray().stream()
                .map(note -> note.asJsonObject().getString("text")).toList();
        assertEquals(2, notes.size());
        assertTrue(notes.stream().anyMatch(note -> note.contains("Yuki Tanaka") && note.contains("UTC")
                && note.contains("I would like 20 boxes of green tea")), "sender, Meta's time and text: " + notes);
        assertTrue(notes.stream().anyMatch(note -> note.contains("Delivery to Osaka")), notes.toString());

        Answer noted = admin().post(path(chat, "/notes"), Json.createObjectBuilder()
                .add("messageIds", Json.createArrayBuilder().add(chat[2])).build());
        assertEquals(201, noted.status(), noted.body());
        assertTrue(admin().get("/api/crm/contacts/" + chat[1] + "/notes").body().contains("I would like 20 boxes"));
        Answer toTheRecord = admin().post(path(chat, "/notes"), Json.createObjectBuilder()
                .add("messageIds", Json.createArrayBuilder().add(chat[3]))
                .add("record", Json.createObjectBuilder().add("module", "pipelines").add("id", record)).build());
        assertEquals(201, toTheRecord.status(), toTheRecord.body());
        assertEquals(3, admin().get("/api/crm/pipelines/" + record + "/notes").structure().asJsonArray().size());

        long[] other = chat();
        assertEquals(404, admin().post(path(chat, "/notes"), Json.createObjectBuilder()
                .add("messageIds", Json.createArrayBuilder().add(other[2])).build()).status(), "a message of another chat");
        assertEquals(400, admin().post(path(chat, "/pipeline-records"), Json.createObjectBuilder().add("name", " ")
                .add("messageIds", Json.createArrayBuilder().add(chat[2])).build()).status(), "a record needs a name");
    }

    @Test
    void theWhatsAppNameFillsAContactKnownByNumberOnlyButNeverOverwritesATypedName() throws Exception {
        JsonObject channel = admin().post("/api/whatsapp/channels", Json.createObjectBuilder().add("mode", "SANDBOX")
                .add("name", "Names").add("assigneeIds", Json.createArrayBuilder().add(Organisations.administratorId(base)))
                .build()).json();
        String numberOnly = "8190" + (10_000_000 + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 89_999_999L));
        String typed = "8190" + (10_000_000 + Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 89_999_999L));
        long byNumber = admin().post("/api/crm/contacts", Json.createObjectBuilder().add("firstName", "+" + numberOnly)
                .add("phone", "+" + numberOnly).build()).id();
        long named = admin().post("/api/crm/contacts", Json.createObjectBuilder().add("firstName", "Kenji").add("lastName", "Mori")
                .add("phone", "+" + typed).build()).id();
        for (String customer : List.of(numberOnly, typed)) {
            String wamid = ApiClient.sandbox(base).post("/sandbox/api/customers/" + customer + "/messages", Json.createObjectBuilder()
                    .add("phoneNumberId", channel.getString("phoneNumberId")).add("name", "Mika Ito").add("type", "text")
                    .add("text", "Hello").build()).json().getJsonArray("wamids").getString(0);
            eventually("the message", 20, () -> TestDatabase.number("select count(*) from whatsapp.message where wamid = ?", wamid) == 1);
        }
        JsonObject filled = admin().get("/api/crm/contacts/" + byNumber).json();
        assertEquals("Mika", filled.getString("firstName"));
        assertEquals("Ito", filled.getString("lastName"));
        assertEquals("Kenji", admin().get("/api/crm/contacts/" + named).json().getString("firstName"), "a typed name stays");
    }

    @Test
    void aChatShowsOnTheRecordOfEachContactWithItsNumber() throws Exception {
        long[] chat = chat();
        String phone = admin().get("/api/crm/contacts/" + chat[1]).json().getString("phone");
        long sameNumber = admin().post("/api/crm/contacts", Json.createObjectBuilder().add("firstName", "Yuki's")
                .add("lastName", "Assistant").add("phone", phone).build()).id();
        JsonArray onTheirPage = admin().get("/api/whatsapp/conversations?contactId=" + sameNumber).json().getJsonArray("items");
        assertEquals(List.of(chat[0]), onTheirPage.stream().map(c -> c.asJsonObject().getJsonNumber("id").longValue()).toList());
    }

    /** Delivers one raw message of the customer of a chat, signed as Meta signs it; answers its id once stored. */
    private long deliver(long[] chat, JsonObject message) throws Exception {
        String phoneNumberId = TestDatabase.strings("select ch.phone_number_id from whatsapp.channel ch join whatsapp.conversation c"
                + " on c.channel_id = ch.id where c.id = ?", chat[0]).get(0);
        String wabaId = TestDatabase.strings("select ch.waba_id from whatsapp.channel ch join whatsapp.conversation c"
                + " on c.channel_id = ch.id where c.id = ?", chat[0]).get(0);
        byte[] body = Webhooks.envelope(Webhooks.entry(wabaId, phoneNumberId, Json.createArrayBuilder().add(message),
                Json.createArrayBuilder()));
        assertEquals(200, ApiClient.anonymous(base).postBytes("/webhooks/whatsapp", body, "X-Hub-Signature-256",
                Webhooks.signature(body)).status());
        String wamid = message.getString("id");
        eventually("the message", 20, () -> TestDatabase.number("select count(*) from whatsapp.message where wamid = ?", wamid) == 1);
        return TestDatabase.number("select id from whatsapp.message where wamid = ?", wamid);
    }

    private JsonObject fromTheCustomer(long[] chat, String type, JsonObject content) {
        String customer = TestDatabase.strings("select customer_key from whatsapp.conversation where id = ?", chat[0]).get(0);
        return Json.createObjectBuilder().add("from", customer).add("id", Webhooks.newWamid())
                .add("timestamp", Long.toString(java.time.Instant.now().getEpochSecond())).add("type", type).add(type, content).build();
    }

    @Test
    void aSharedContactCardBecomesAContactAndANewNumberIsTakenOnceConfirmed() throws Exception {
        long[] chat = chat();
        String friend = "+8190" + (10_000_000 + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 89_999_999L));
        long card = deliver(chat, Json.createObjectBuilder().add("from", TestDatabase.strings(
                        "select customer_key from whatsapp.conversation where id = ?", chat[0]).get(0))
                .add("id", Webhooks.newWamid()).add("timestamp", Long.toString(java.time.Instant.now().getEpochSecond()))
                .add("type", "contacts").add("contacts", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("name", Json.createObjectBuilder().add("formatted_name", "Aoi Kimura"))
                        .add("phones", Json.createArrayBuilder().add(Json.createObjectBuilder().add("phone", friend))))).build());
        Answer saved = admin().post(path(chat, "/messages/" + card + "/contact-cards/0"), JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(201, saved.status(), saved.body());
        JsonObject contact = admin().get("/api/crm/contacts/" + saved.json().getJsonNumber("id").longValue()).json();
        assertEquals("Aoi", contact.getString("firstName"));
        assertEquals(friend, contact.getString("phone"));
        assertEquals(200, admin().post(path(chat, "/messages/" + card + "/contact-cards/0"), JsonValue.EMPTY_JSON_OBJECT).status(),
                "saved once: the second time finds the contact");
        assertEquals(404, admin().post(path(chat, "/messages/" + card + "/contact-cards/3"), JsonValue.EMPTY_JSON_OBJECT).status());

        String newNumber = "8190" + (10_000_000 + Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 89_999_999L));
        long notice = deliver(chat, fromTheCustomer(chat, "system", Json.createObjectBuilder()
                .add("body", "Yuki changed their phone number to a new number").add("wa_id", newNumber)
                .add("type", "user_changed_number").build()));
        String before = admin().get("/api/crm/contacts/" + chat[1]).json().getString("phone");
        assertTrue(!before.equals("+" + newNumber), "nothing changes before an agent confirms");
        Answer confirmed = admin().post(path(chat, "/messages/" + notice + "/number-change"), JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(200, confirmed.status(), confirmed.body());
        assertEquals("+" + newNumber, admin().get("/api/crm/contacts/" + chat[1]).json().getString("phone"));
        assertEquals(List.of(newNumber), TestDatabase.strings("select customer_key from whatsapp.conversation where id = ?", chat[0]),
                "the chat continues from the new number");
        assertEquals(404, admin().post(path(chat, "/messages/" + chat[2] + "/number-change"), JsonValue.EMPTY_JSON_OBJECT).status(),
                "only WhatsApp's notice of a new number changes it");
    }

    @Test
    void aViewOnlyAgentReadsTheHistoryButChangesNothing() throws Exception {
        long[] chat = chat();
        ApiClient admin = admin();
        long profile = admin.post("/api/crm/profiles", Json.createObjectBuilder().add("name", "Readers " + UUID.randomUUID()).build()).id();
        admin.put("/api/whatsapp/permissions/" + profile, Json.createObjectBuilder().add("level", "VIEW_ONLY").build());
        String username = "reader" + UUID.randomUUID().toString().substring(0, 8);
        admin.post("/api/crm/users", Json.createObjectBuilder().add("username", username).add("name", "Reader")
                .add("profileId", profile).add("password", "reader-password").build());
        ApiClient reader = ApiClient.as(base, username, "reader-password");

        assertEquals(200, reader.get(path(chat, "/related")).status());
        assertEquals(403, reader.patch(path(chat, "/contact"), Json.createObjectBuilder().add("email", "r@example.com").build()).status());
        assertEquals(403, reader.post(path(chat, "/notes"), Json.createObjectBuilder()
                .add("messageIds", Json.createArrayBuilder().add(chat[2])).build()).status());
        assertEquals(403, reader.post(path(chat, "/pipeline-records"), Json.createObjectBuilder().add("name", "No").build()).status());
        assertEquals(JsonValue.NULL, admin.get("/api/crm/contacts/" + chat[1]).json().getOrDefault("email", JsonValue.NULL));
    }
}
