package io.crmkit.it;

import io.crmkit.it.support.ApiClient.Answer;
import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.HostRecords;
import io.crmkit.it.support.Seeds;
import io.crmkit.it.support.TestDatabase;
import io.crmkit.it.support.Webhooks;
import io.crmkit.plugin.api.Contact;
import io.crmkit.plugin.api.PipelineRecord;
import io.crmkit.plugin.api.RecordRef;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

import static io.crmkit.it.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CRM beside a chat: the customer's history read, and their contact, company, pipeline records and notes changed
 * from the chat through the host's services, with the host's own pages showing the changes at once. The same tests run
 * on each host, which they prepare and check through {@link HostRecords}; they reach the plugin only by its endpoints.
 */
abstract class RelatedRecordsTests {
    @RegisterExtension
    final Seeds seeds = new Seeds();


    /** The host the plugin runs on in this test. */
    protected abstract HostRecords host();

    private ApiClient admin() {
        return host().administrator();
    }

    private long number(String sql, Object... parameters) {
        return TestDatabase.numberIn(host().databaseUrl(), sql, parameters);
    }

    private List<String> strings(String sql, Object... parameters) {
        return TestDatabase.stringsIn(host().databaseUrl(), sql, parameters);
    }

    /** A chat with a new customer who wrote twice; answers {conversation, contact, first message, second message}. */
    protected long[] chat() throws Exception {
        JsonObject channel = admin().post("/api/whatsapp/channels", Json.createObjectBuilder().add("mode", "SANDBOX")
                .add("name", "Related").add("assigneeIds", Json.createArrayBuilder().add(host().administratorId()))
                .build()).json();
        String customer = seeds.japaneseMobile();
        List<String> wamids = new java.util.ArrayList<>();
        for (String text : List.of("I would like 20 boxes of green tea", "Delivery to Osaka, please")) {
            wamids.add(ApiClient.sandbox(host().base()).post("/sandbox/api/customers/" + customer + "/messages", Json.createObjectBuilder()
                    .add("phoneNumberId", channel.getString("phoneNumberId")).add("name", "Yuki Tanaka").add("type", "text")
                    .add("text", text).build()).json().getJsonArray("wamids").getString(0));
        }
        eventually("both messages", 20, () -> number("select count(*) from whatsapp.message where wamid in (?, ?)",
                wamids.get(0), wamids.get(1)) == 2);
        long conversation = number("select conversation_id from whatsapp.message where wamid = ?", wamids.get(0));
        return new long[]{conversation, number("select contact_id from whatsapp.conversation where id = ?", conversation),
                number("select id from whatsapp.message where wamid = ?", wamids.get(0)),
                number("select id from whatsapp.message where wamid = ?", wamids.get(1))};
    }

    private String path(long[] chat, String tail) {
        return "/api/whatsapp/conversations/" + chat[0] + tail;
    }

    @Test
    void theChatShowsTheCustomersContactCompanyRecordsAndNotesWithLinksToTheirPages() throws Exception {
        long[] chat = chat();
        long company = host().newCompany("Tanaka Tea");
        host().moveToCompany(chat[1], company);
        String stage = host().stages().get(0);
        long older = host().newPipelineRecord("Spring order", stage, Optional.empty(), Optional.of(chat[1]));
        long newer = host().newPipelineRecord("Summer order", stage, Optional.of(new BigDecimal(14400)), Optional.of(chat[1]));
        host().addNote(RecordRef.contact(chat[1]), "Prefers mornings");

        JsonObject related = admin().get(path(chat, "/related")).json();
        JsonObject contact = related.getJsonObject("contact");
        assertEquals("Yuki", contact.getString("firstName"));
        assertEquals(host().pageOf(RecordRef.contact(chat[1])), contact.getString("link"));
        assertEquals("Tanaka Tea", related.getJsonObject("company").getString("name"));
        assertEquals(host().pageOf(RecordRef.company(company)), related.getJsonObject("company").getString("link"));
        JsonArray records = related.getJsonArray("pipelineRecords");
        assertEquals(List.of(newer, older), records.stream().map(r -> r.asJsonObject().getJsonNumber("id").longValue()).toList(),
                "newest first");
        assertEquals(14400, records.getJsonObject(0).getJsonNumber("amount").intValue());
        assertEquals("Prefers mornings", related.getJsonArray("notes").getJsonObject(0).getString("text"));
        JsonArray stages = related.getJsonArray("stages");
        assertEquals(host().stages(), stages.stream().map(s -> s.asJsonObject().getString("name")).toList(), "in pipeline order");
        assertTrue(stages.stream().allMatch(s -> !s.asJsonObject().getString("label").isBlank()), stages.toString());
        assertEquals(stage, records.getJsonObject(0).getString("stageLabel"), "as the host names it to English readers");
    }

    @Test
    void quickChangesAreTheHostsOwnRecordsAndARefusedFieldChangesNothing() throws Exception {
        long[] chat = chat();
        Answer changed = admin().patch(path(chat, "/contact"), Json.createObjectBuilder().add("email", "yuki@example.com")
                .add("newCompanyName", "Osaka Tea House").build());
        assertEquals(200, changed.status(), changed.body());
        Contact atTheHost = host().contact(chat[1]);
        assertEquals(Optional.of("yuki@example.com"), atTheHost.email());
        assertEquals("Osaka Tea House", host().companyName(atTheHost.companyId().orElseThrow()));

        long companies = host().companyCount();
        Answer refused = admin().patch(path(chat, "/contact"), Json.createObjectBuilder().add("firstName", "Changed")
                .add("email", "not an email").add("newCompanyName", "Half Stored Co").build());
        assertEquals(400, refused.status(), refused.body());
        assertEquals("VALIDATION_FAILED", refused.code());
        assertEquals("email", refused.json().getString("field"));
        assertEquals("Yuki", host().contact(chat[1]).firstName(), "nothing half-changed");
        assertEquals(companies, host().companyCount(), "not even the company");
        Answer inJapanese = admin().patchWith(path(chat, "/contact"), Json.createObjectBuilder().add("email", "x").build(),
                "Accept-Language", "ja");
        assertTrue(inJapanese.json().getString("detail").contains("メールアドレス"), inJapanese.body());

        List<String> stages = host().stages();
        long record = host().newPipelineRecord("Tea order", stages.get(0), Optional.empty(), Optional.of(chat[1]));
        Answer moved = admin().patch(path(chat, "/pipeline-records/" + record), Json.createObjectBuilder()
                .add("stage", stages.get(1)).add("amount", 52000).add("ownerId", host().administratorId()).build());
        assertEquals(200, moved.status(), moved.body());
        PipelineRecord deal = host().pipelineRecord(record);
        assertEquals(stages.get(1), deal.stage());
        assertEquals(52000, deal.amount().orElseThrow().intValueExact());
        Answer badStage = admin().patch(path(chat, "/pipeline-records/" + record), Json.createObjectBuilder()
                .add("stage", "No such stage").add("amount", 1).build());
        assertEquals("stage", badStage.json().getString("field"));
        assertEquals(52000, host().pipelineRecord(record).amount().orElseThrow().intValueExact());

        long someoneElses = host().newPipelineRecord("Not theirs", stages.get(0), Optional.empty(), Optional.empty());
        assertEquals(404, admin().patch(path(chat, "/pipeline-records/" + someoneElses), Json.createObjectBuilder()
                .add("stage", stages.get(1)).build()).status(), "only the customer's own records change from their chat");
        assertEquals(404, host().outsider().patch(path(chat, "/contact"), Json.createObjectBuilder()
                .add("email", "intruder@example.com").build()).status());
    }

    @Test
    void aPipelineRecordFromTheChatTakesTheChosenMessagesAsNotes() throws Exception {
        long[] chat = chat();
        Answer created = admin().post(path(chat, "/pipeline-records"), Json.createObjectBuilder().add("name", "Green tea, 20 boxes")
                .add("amount", 36000).add("messageIds", Json.createArrayBuilder().add(chat[3]).add(chat[2])).build());
        assertEquals(201, created.status(), created.body());
        long record = created.json().getJsonNumber("id").longValue();
        assertEquals(Optional.of(chat[1]), host().pipelineRecord(record).contactId(), "linked to the customer's contact");
        List<String> notes = host().notes(RecordRef.pipelineRecord(record));
        assertEquals(2, notes.size());
        assertTrue(notes.stream().anyMatch(note -> note.contains("Yuki Tanaka") && note.contains("UTC")
                && note.contains("I would like 20 boxes of green tea")), "sender, Meta's time and text: " + notes);
        assertTrue(notes.stream().anyMatch(note -> note.contains("Delivery to Osaka")), notes.toString());

        Answer noted = admin().post(path(chat, "/notes"), Json.createObjectBuilder()
                .add("messageIds", Json.createArrayBuilder().add(chat[2])).build());
        assertEquals(201, noted.status(), noted.body());
        assertTrue(host().notes(RecordRef.contact(chat[1])).stream().anyMatch(note -> note.contains("I would like 20 boxes")));
        Answer toTheRecord = admin().post(path(chat, "/notes"), Json.createObjectBuilder()
                .add("messageIds", Json.createArrayBuilder().add(chat[3]))
                .add("record", Json.createObjectBuilder().add("module", "pipelines").add("id", record)).build());
        assertEquals(201, toTheRecord.status(), toTheRecord.body());
        assertEquals(3, host().notes(RecordRef.pipelineRecord(record)).size());

        long[] other = chat();
        assertEquals(404, admin().post(path(chat, "/notes"), Json.createObjectBuilder()
                .add("messageIds", Json.createArrayBuilder().add(other[2])).build()).status(), "a message of another chat");
        assertEquals(400, admin().post(path(chat, "/pipeline-records"), Json.createObjectBuilder().add("name", " ")
                .add("messageIds", Json.createArrayBuilder().add(chat[2])).build()).status(), "a record needs a name");
    }

    @Test
    void theWhatsAppNameFillsAContactKnownByNumberOnlyButNeverOverwritesATypedName() throws Exception {
        JsonObject channel = admin().post("/api/whatsapp/channels", Json.createObjectBuilder().add("mode", "SANDBOX")
                .add("name", "Names").add("assigneeIds", Json.createArrayBuilder().add(host().administratorId()))
                .build()).json();
        String numberOnly = seeds.japaneseMobile();
        String typed = seeds.japaneseMobile();
        long byNumber = host().newContact("+" + numberOnly, "", "+" + numberOnly);
        long named = host().newContact("Kenji", "Mori", "+" + typed);
        for (String customer : List.of(numberOnly, typed)) {
            String wamid = ApiClient.sandbox(host().base()).post("/sandbox/api/customers/" + customer + "/messages", Json.createObjectBuilder()
                    .add("phoneNumberId", channel.getString("phoneNumberId")).add("name", "Mika Ito").add("type", "text")
                    .add("text", "Hello").build()).json().getJsonArray("wamids").getString(0);
            eventually("the message", 20, () -> number("select count(*) from whatsapp.message where wamid = ?", wamid) == 1);
        }
        Contact filled = host().contact(byNumber);
        assertEquals("Mika", filled.firstName());
        assertEquals("Ito", filled.lastName());
        assertEquals("Kenji", host().contact(named).firstName(), "a typed name stays");
    }

    @Test
    void aChatShowsOnTheRecordOfEachContactWithItsNumber() throws Exception {
        long[] chat = chat();
        String phone = host().contact(chat[1]).phone().orElseThrow();
        long sameNumber = host().newContact("Yuki's", "Assistant", phone);
        JsonArray onTheirPage = admin().get("/api/whatsapp/conversations?contactId=" + sameNumber).json().getJsonArray("items");
        assertEquals(List.of(chat[0]), onTheirPage.stream().map(c -> c.asJsonObject().getJsonNumber("id").longValue()).toList());
    }

    /** Delivers one raw message of the customer of a chat, signed as Meta signs it; answers its id once stored. */
    private long deliver(long[] chat, JsonObject message) throws Exception {
        String phoneNumberId = strings("select ch.phone_number_id from whatsapp.channel ch join whatsapp.conversation c"
                + " on c.channel_id = ch.id where c.id = ?", chat[0]).get(0);
        String wabaId = strings("select ch.waba_id from whatsapp.channel ch join whatsapp.conversation c"
                + " on c.channel_id = ch.id where c.id = ?", chat[0]).get(0);
        byte[] body = Webhooks.envelope(Webhooks.entry(wabaId, phoneNumberId, Json.createArrayBuilder().add(message),
                Json.createArrayBuilder()));
        assertEquals(200, ApiClient.anonymous(host().base()).postBytes("/webhooks/whatsapp", body, "X-Hub-Signature-256",
                Webhooks.signature(body)).status());
        String wamid = message.getString("id");
        eventually("the message", 20, () -> number("select count(*) from whatsapp.message where wamid = ?", wamid) == 1);
        return number("select id from whatsapp.message where wamid = ?", wamid);
    }

    private JsonObject fromTheCustomer(long[] chat, String type, JsonObject content) {
        String customer = strings("select customer_key from whatsapp.conversation where id = ?", chat[0]).get(0);
        return Json.createObjectBuilder().add("from", customer).add("id", Webhooks.newWamid())
                .add("timestamp", Long.toString(java.time.Instant.now().getEpochSecond())).add("type", type).add(type, content).build();
    }

    @Test
    void aSharedContactCardBecomesAContactAndANewNumberIsTakenOnceConfirmed() throws Exception {
        long[] chat = chat();
        String friend = "+" + seeds.japaneseMobile();
        long card = deliver(chat, Json.createObjectBuilder().add("from", strings(
                        "select customer_key from whatsapp.conversation where id = ?", chat[0]).get(0))
                .add("id", Webhooks.newWamid()).add("timestamp", Long.toString(java.time.Instant.now().getEpochSecond()))
                .add("type", "contacts").add("contacts", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("name", Json.createObjectBuilder().add("formatted_name", "Aoi Kimura"))
                        .add("phones", Json.createArrayBuilder().add(Json.createObjectBuilder().add("phone", friend))))).build());
        Answer saved = admin().post(path(chat, "/messages/" + card + "/contact-cards/0"), JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(201, saved.status(), saved.body());
        Contact contact = host().contact(saved.json().getJsonNumber("id").longValue());
        assertEquals("Aoi", contact.firstName());
        assertEquals(Optional.of(friend), contact.phone());
        assertEquals(200, admin().post(path(chat, "/messages/" + card + "/contact-cards/0"), JsonValue.EMPTY_JSON_OBJECT).status(),
                "saved once: the second time finds the contact");
        assertEquals(404, admin().post(path(chat, "/messages/" + card + "/contact-cards/3"), JsonValue.EMPTY_JSON_OBJECT).status());

        String newNumber = seeds.japaneseMobile();
        long notice = deliver(chat, fromTheCustomer(chat, "system", Json.createObjectBuilder()
                .add("body", "Yuki changed their phone number to a new number").add("wa_id", newNumber)
                .add("type", "user_changed_number").build()));
        String before = host().contact(chat[1]).phone().orElseThrow();
        assertTrue(!before.equals("+" + newNumber), "nothing changes before an agent confirms");
        Answer confirmed = admin().post(path(chat, "/messages/" + notice + "/number-change"), JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(200, confirmed.status(), confirmed.body());
        assertEquals(Optional.of("+" + newNumber), host().contact(chat[1]).phone());
        assertEquals(List.of(newNumber), strings("select customer_key from whatsapp.conversation where id = ?", chat[0]),
                "the chat continues from the new number");
        assertEquals(404, admin().post(path(chat, "/messages/" + chat[2] + "/number-change"), JsonValue.EMPTY_JSON_OBJECT).status(),
                "only WhatsApp's notice of a new number changes it");
    }

    @Test
    void aViewOnlyAgentReadsTheHistoryButChangesNothing() throws Exception {
        long[] chat = chat();
        ApiClient admin = admin();
        long profile = host().newProfile();
        assertEquals(200, admin.put("/api/whatsapp/permissions/" + profile, Json.createObjectBuilder().add("level", "VIEW_ONLY")
                .build()).status());
        ApiClient reader = host().newUser(profile);

        assertEquals(200, reader.get(path(chat, "/related")).status());
        assertEquals(403, reader.patch(path(chat, "/contact"), Json.createObjectBuilder().add("email", "r@example.com").build()).status());
        assertEquals(403, reader.post(path(chat, "/notes"), Json.createObjectBuilder()
                .add("messageIds", Json.createArrayBuilder().add(chat[2])).build()).status());
        assertEquals(403, reader.post(path(chat, "/pipeline-records"), Json.createObjectBuilder().add("name", "No").build()).status());
        assertEquals(Optional.empty(), host().contact(chat[1]).email());
    }
}
