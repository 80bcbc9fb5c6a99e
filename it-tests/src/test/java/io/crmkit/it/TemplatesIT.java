package io.crmkit.it;

import io.crmkit.it.support.ApiClient.Answer;
import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.Organisations;
import io.crmkit.it.support.Seeds;
import io.crmkit.it.support.TestDatabase;
import io.crmkit.it.support.Webhooks;
import io.crmkit.whatsapp.testing.SampleFiles;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static io.crmkit.it.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Templates from writing to sending: the plugin's limits at their edges, Meta's review by the sandbox and by raw
 * signed webhooks, import with paging, and sends filled from the CRM's records that reopen closed chats and start
 * new ones.
 */
@ExtendWith(ArquillianExtension.class)
class TemplatesIT {
    @RegisterExtension
    final Seeds seeds = new Seeds();

    private static final String FIRST_NAME = "#Contacts.First Name#";

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application();
    }

    @AfterEach
    void clearFaults() {
        sandbox().delete("/sandbox/api/faults");
    }

    @BeforeEach
    void credits() {
        Organisations.fundWithCredits(base);
    }

    private ApiClient admin() {
        return Organisations.administrator(base);
    }

    private ApiClient sandbox() {
        return ApiClient.sandbox(base);
    }

    private JsonObject channel() {
        return admin().post("/api/whatsapp/channels", Json.createObjectBuilder().add("mode", "SANDBOX")
                .add("name", "Templates " + UUID.randomUUID().toString().substring(0, 6))
                .add("assigneeIds", Json.createArrayBuilder().add(Organisations.administratorId(base))).build()).json();
    }

    private static JsonObjectBuilder template(JsonObject channel, String name, String category, String body) {
        return Json.createObjectBuilder().add("channelId", channel.getInt("id")).add("name", name).add("language", "en_US")
                .add("category", category).add("body", body);
    }

    private static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    }

    private long templateCreationsAtMeta() {
        return sandbox().get("/sandbox/api/requests?method=POST&path=message_templates").json().getJsonNumber("count").longValue();
    }

    /** A template created and approved by the sandbox's review (a second after it was submitted). */
    private JsonObject approved(JsonObject channel, String category, String body) throws InterruptedException {
        Answer created = admin().post("/api/whatsapp/templates", template(channel, uniqueName("t"), category, body).build());
        assertEquals(201, created.status(), created.body());
        long id = created.id();
        eventually("the template approved", 20, () -> "APPROVED".equals(get(id).getString("status")));
        return get(id);
    }

    private JsonObject get(long templateId) {
        return admin().get("/api/whatsapp/templates/" + templateId).json();
    }

    private static long metaId(long templateId) {
        return Long.parseLong(TestDatabase.strings("select meta_template_id from whatsapp.template where id = ?", templateId).get(0));
    }

    @Test
    void eachLimitIsCheckedAtItsEdgeBeforeAnythingIsStoredOrSentToMeta() {
        JsonObject channel = channel();
        String waba = channel.getString("wabaId");
        long creations = templateCreationsAtMeta();

        Answer tooLong = admin().post("/api/whatsapp/templates", template(channel, uniqueName("long"), "UTILITY",
                "a".repeat(901)).build());
        assertEquals(400, tooLong.status(), tooLong.body());
        assertEquals("TEMPLATE_TOO_LONG", tooLong.code());
        assertEquals("body", tooLong.json().getString("field"));
        assertEquals(201, admin().post("/api/whatsapp/templates", template(channel, uniqueName("long"), "UTILITY",
                "a".repeat(900)).build()).status());

        String elevenFields = "Dear " + (FIRST_NAME + " and ").repeat(11) + "friends";
        Answer tooMany = admin().post("/api/whatsapp/templates", template(channel, uniqueName("many"), "UTILITY",
                elevenFields).build());
        assertEquals(400, tooMany.status(), tooMany.body());
        assertEquals("TOO_MANY_MERGE_FIELDS", tooMany.code());
        Answer ten = admin().post("/api/whatsapp/templates", template(channel, uniqueName("many"), "UTILITY",
                "Dear " + (FIRST_NAME + " and ").repeat(10) + "friends").build());
        assertEquals(201, ten.status(), ten.body());
        assertEquals(10, ten.json().getJsonArray("parameters").size());

        Answer badName = admin().post("/api/whatsapp/templates", template(channel, "Order Update", "UTILITY", "Hello").build());
        assertEquals("INVALID_TEMPLATE", badName.code());
        assertEquals("name", badName.json().getString("field"));
        Answer edge = admin().post("/api/whatsapp/templates", template(channel, uniqueName("edge"), "UTILITY",
                FIRST_NAME + ", your order is ready").build());
        assertEquals("INVALID_TEMPLATE", edge.code());
        assertEquals("body", edge.json().getString("field"));
        assertEquals(creations + 2, templateCreationsAtMeta(), "only the two accepted templates reached Meta");
        assertEquals(2, TestDatabase.number("select count(*) from whatsapp.template where waba_id = ?", waba));

        // The account already has 199 (approved, rejected and pending count alike): the 200th is the last.
        TestDatabase.update("insert into whatsapp.template (organisation_id, waba_id, name, language, category, status,"
                + " content, created_at, updated_at) select organisation_id, waba_id, 'filler_' || n, 'en_US', 'UTILITY',"
                + " case n % 3 when 0 then 'APPROVED' when 1 then 'REJECTED' else 'PENDING' end, content, now(), now()"
                + " from whatsapp.template, generate_series(1, 197) n where waba_id = ? and name like 'long%'", waba);
        assertEquals(199, TestDatabase.number("select count(*) from whatsapp.template where waba_id = ?", waba));
        assertEquals(201, admin().post("/api/whatsapp/templates", template(channel, uniqueName("last"), "UTILITY",
                "The last one").build()).status(), "the 200th template");
        Answer over = admin().post("/api/whatsapp/templates", template(channel, uniqueName("over"), "UTILITY",
                "One too many").build());
        assertEquals(409, over.status(), over.body());
        assertEquals("TEMPLATE_LIMIT_REACHED", over.code());
        assertEquals(200, TestDatabase.number("select count(*) from whatsapp.template where waba_id = ?", waba));
        assertEquals(creations + 3, templateCreationsAtMeta());
    }

    @Test
    void metasHourlyLimitOfNewTemplatesAnswersAClearRefusalAndTheNextTryGoesThrough() {
        JsonObject channel = channel();
        long creations = templateCreationsAtMeta();
        sandbox().post("/sandbox/api/faults", Json.createObjectBuilder().add("path", "/message_templates").add("method", "POST").add("status", 400)
                .add("errorCode", 4).add("count", 1).build());
        String name = uniqueName("limited");
        Answer limited = admin().post("/api/whatsapp/templates", template(channel, name, "UTILITY", "Hello there").build());
        assertEquals(429, limited.status(), limited.body());
        assertEquals("META_RATE_LIMITED", limited.code());
        assertTrue(limited.json().getString("detail").contains("100 new templates an hour"), limited.body());
        assertEquals(creations + 1, templateCreationsAtMeta(), "asked once, never retried in a loop");
        assertEquals(0, TestDatabase.number("select count(*) from whatsapp.template where name = ?", name));
        assertEquals(201, admin().post("/api/whatsapp/templates", template(channel, name, "UTILITY", "Hello there").build())
                .status(), "the limit passed, the same template goes through");
    }

    @Test
    void mergeFieldsReachMetaAsNamedParametersAndTheReviewComesBackApprovedOrRejectedWithItsReason() throws Exception {
        JsonObject channel = channel();
        String name = uniqueName("order_ready");
        Answer created = admin().post("/api/whatsapp/templates", template(channel, name, "UTILITY",
                "Hello " + FIRST_NAME + ", your order from #Companies.Name# is ready.")
                .add("header", Json.createObjectBuilder().add("format", "TEXT").add("text", "Order update"))
                .add("footer", "Example Trading")
                .add("buttons", Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", "QUICK_REPLY")
                        .add("text", "Thanks"))).build());
        assertEquals(201, created.status(), created.body());
        assertEquals("PENDING", created.json().getString("status"));
        assertEquals(List.of(FIRST_NAME, "#Companies.Name#"), created.json().getJsonArray("mergeFields")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
        long id = created.id();
        eventually("approved by Meta's review", 20, () -> "APPROVED".equals(get(id).getString("status")));
        JsonObject atMeta = sandbox().get("/sandbox/api/accounts/" + channel.getString("wabaId") + "/templates").structure()
                .asJsonArray().getJsonObject(0);
        assertEquals(name, atMeta.getString("name"));

        Answer preview = admin().post("/api/whatsapp/templates/" + id + "/preview", JsonValue.EMPTY_JSON_OBJECT);
        assertEquals("Order update\n\nHello Hanako, your order from Example Trading is ready.\n\nExample Trading",
                preview.json().getString("text"), "without a contact, the examples fill the preview");

        Answer scam = admin().post("/api/whatsapp/templates", template(channel, uniqueName("lucky"), "MARKETING",
                "You have won the lottery, " + FIRST_NAME + "! Reply to claim it.").build());
        long rejected = scam.id();
        eventually("rejected by Meta's review", 20, () -> "REJECTED".equals(get(rejected).getString("status")));
        assertEquals("SCAM", get(rejected).getString("rejectionReason"));
        assertFalse(get(rejected).getString("recommendation").isBlank(), "Meta's advice is shown with the reason");

        JsonArray approvedOnly = admin().get("/api/whatsapp/templates?status=APPROVED&q=" + name).json().getJsonArray("items");
        assertEquals(1, approvedOnly.size());
        assertEquals(0, admin().get("/api/whatsapp/templates?status=APPROVED&language=ja&q=" + name).json()
                .getJsonArray("items").size());
    }

    @Test
    void rawSignedWebhooksPauseRecategoriseRateAndReinstateATemplate() throws Exception {
        JsonObject channel = channel();
        JsonObject template = approved(channel, "MARKETING", "Spring sale for " + FIRST_NAME + " starts today.");
        long id = template.getJsonNumber("id").longValue();
        long metaId = metaId(id);
        String name = template.getString("name");

        deliverTemplateChange(channel, "message_template_status_update", Json.createObjectBuilder()
                .add("event", "PAUSED").add("message_template_id", metaId).add("message_template_name", name)
                .add("message_template_language", "en-US").add("reason", "Low quality"));
        eventually("paused", 20, () -> "PAUSED".equals(get(id).getString("status")));
        assertFalse(get(id).isNull("pausedUntil"), "a pause says until when");

        deliverTemplateChange(channel, "template_category_update", Json.createObjectBuilder()
                .add("message_template_id", metaId).add("message_template_name", name).add("message_template_language", "en_US")
                .add("previous_category", "MARKETING").add("new_category", "UTILITY"));
        eventually("re-categorised", 20, () -> "UTILITY".equals(get(id).getString("category")));
        assertEquals("MARKETING", get(id).getString("previousCategory"));

        deliverTemplateChange(channel, "message_template_quality_update", Json.createObjectBuilder()
                .add("message_template_id", metaId).add("message_template_name", name).add("message_template_language", "en_US")
                .add("previous_quality_score", "GREEN").add("new_quality_score", "YELLOW"));
        eventually("rated", 20, () -> "YELLOW".equals(get(id).getString("quality", "")));

        deliverTemplateChange(channel, "message_template_status_update", Json.createObjectBuilder()
                .add("event", "REINSTATED").add("message_template_id", metaId).add("message_template_name", name)
                .add("message_template_language", "en_US").add("reason", "NONE"));
        eventually("approved again", 20, () -> "APPROVED".equals(get(id).getString("status")));

        assertEquals(204, sandbox().post("/sandbox/api/templates/" + metaId + "/review", Json.createObjectBuilder()
                .add("status", "REJECTED").add("reason", "INCORRECT_CATEGORY").build()).status());
        eventually("rejected through the sandbox", 20, () -> "REJECTED".equals(get(id).getString("status")));
        assertEquals("INCORRECT_CATEGORY", get(id).getString("rejectionReason"));
    }

    private void deliverTemplateChange(JsonObject channel, String field, JsonObjectBuilder value) {
        byte[] body = Json.createObjectBuilder().add("object", "whatsapp_business_account").add("entry",
                Json.createArrayBuilder().add(Json.createObjectBuilder().add("id", channel.getString("wabaId"))
                        .add("time", Instant.now().getEpochSecond()).add("changes", Json.createArrayBuilder()
                                .add(Json.createObjectBuilder().add("field", field).add("value", value)))))
                .build().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Answer answer = ApiClient.anonymous(base).postBytes("/webhooks/whatsapp", body, "X-Hub-Signature-256",
                Webhooks.signature(body));
        assertEquals(200, answer.status(), answer.body());
    }

    @Test
    void templatesMadeInMetasScreensAreImportedPageByPageOnReconnectAndBySyncNow() throws Exception {
        JsonObject channel = channel();
        String waba = channel.getString("wabaId");
        String prefix = uniqueName("seeded");
        for (int i = 0; i < 130; i++) {
            JsonArrayBuilder components = Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", "BODY")
                    .add("text", "Hi {{1}}, your code is " + i).add("example", Json.createObjectBuilder()
                            .add("body_text", Json.createArrayBuilder().add(Json.createArrayBuilder().add("Ana")))));
            assertEquals(200, sandbox().post("/sandbox/api/accounts/" + waba + "/templates", Json.createObjectBuilder()
                    .add("name", prefix + "_" + i).add("language", "en-US").add("category", "UTILITY")
                    .add("components", components).add("status", i % 10 == 0 ? "REJECTED" : "APPROVED").build()).status());
        }
        admin().delete("/api/whatsapp/channels/" + channel.getInt("id"));
        admin().post("/api/whatsapp/channels/" + channel.getInt("id") + "/reconnect", JsonValue.EMPTY_JSON_OBJECT);
        eventually("imported after the number was connected again", 30, () -> TestDatabase.number(
                "select count(*) from whatsapp.template where waba_id = ?", waba) == 130);
        assertEquals(13, TestDatabase.number("select count(*) from whatsapp.template where waba_id = ? and status = 'REJECTED'", waba));
        assertEquals(0, TestDatabase.number("select count(*) from whatsapp.template where waba_id = ? and language <> 'en_US'", waba),
                "languages are kept normalised");

        JsonObject synced = admin().post("/api/whatsapp/templates/sync", JsonValue.EMPTY_JSON_OBJECT).json();
        assertEquals(0, synced.getInt("imported"));
        assertTrue(synced.getInt("updated") >= 130, synced.toString());
        JsonObject one = admin().get("/api/whatsapp/templates?q=" + prefix + "_7").json().getJsonArray("items").stream()
                .map(JsonValue::asJsonObject).filter(t -> t.getString("name").equals(prefix + "_7")).findFirst().orElseThrow();
        assertTrue(one.getBoolean("importedFromMeta"));
        assertEquals("1", one.getJsonArray("parameters").getJsonObject(0).getString("key"), "Meta's own variable, filled by hand");
    }

    /** A conversation whose customer wrote at {@code wroteAt}, with its contact; answers {conversation, contact}. */
    private long[] conversation(JsonObject channel, String customer, Instant wroteAt) throws Exception {
        String wamid = Webhooks.newWamid();
        JsonObject message = Json.createObjectBuilder(Webhooks.textMessage(customer, wamid, "Any news?"))
                .add("timestamp", Long.toString(wroteAt.getEpochSecond())).build();
        byte[] body = Webhooks.envelope(Webhooks.entry(channel.getString("wabaId"), channel.getString("phoneNumberId"),
                Json.createArrayBuilder().add(message), Json.createArrayBuilder()));
        sandbox().postBytes("/webhooks/whatsapp", body, "X-Hub-Signature-256", Webhooks.signature(body));
        eventually("the conversation", 10, () -> TestDatabase.number("select count(*) from whatsapp.message where wamid = ?", wamid) == 1);
        long conversation = TestDatabase.number("select conversation_id from whatsapp.message where wamid = ?", wamid);
        return new long[]{conversation, TestDatabase.number("select contact_id from whatsapp.conversation where id = ?", conversation)};
    }

    private String customerNumber() {
        return seeds.japaneseMobile();
    }

    /** The template the sandbox (Meta) received in a conversation's latest template message. */
    private JsonObject sentTemplate(String phoneNumberId, String customer) {
        JsonArray sent = sandbox().get("/sandbox/api/sent?phoneNumberId=" + phoneNumberId + "&to=" + customer).structure()
                .asJsonArray();
        return sent.stream().map(JsonValue::asJsonObject).filter(m -> "template".equals(m.getString("type")))
                .reduce((first, second) -> second).orElseThrow().getJsonObject("body").getJsonObject("template");
    }

    private static List<String> parameterTexts(JsonObject template, String component) {
        return template.getJsonArray("components").stream().map(JsonValue::asJsonObject)
                .filter(c -> component.equals(c.getString("type"))).flatMap(c -> c.getJsonArray("parameters").stream())
                .map(p -> p.asJsonObject().getString("text")).toList();
    }

    private static String status(String text) {
        List<String> statuses = TestDatabase.strings("select status from whatsapp.message where direction = 'OUT' and text = ?", text);
        return statuses.isEmpty() ? "MISSING" : statuses.get(0);
    }

    @Test
    void aTemplateReopensAClosedChatWithValuesFromTheContactItsCompanyAndItsPipelineRecord() throws Exception {
        JsonObject channel = channel();
        JsonObject template = approved(channel, "UTILITY",
                "Hello " + FIRST_NAME + ", about #Pipelines.Name# for #Companies.Name#: shall we go on?");
        String customer = customerNumber();
        long[] chat = conversation(channel, customer, Instant.now().minusSeconds(25 * 3600));
        long company = admin().post("/api/crm/companies", Json.createObjectBuilder().add("name", "Sakura Trading").build()).id();
        admin().patch("/api/crm/contacts/" + chat[1], Json.createObjectBuilder().add("firstName", "Hanako")
                .add("companyId", company).build());
        admin().post("/api/crm/pipelines", Json.createObjectBuilder().add("name", "Spring order").add("stage", "Proposal")
                .add("contactId", chat[1]).build());

        Answer text = admin().post("/api/whatsapp/conversations/" + chat[0] + "/messages",
                Json.createObjectBuilder().add("text", "Hello?").build());
        assertEquals("WINDOW_CLOSED", text.code());
        Answer queued = admin().post("/api/whatsapp/conversations/" + chat[0] + "/messages", Json.createObjectBuilder()
                .add("templateId", template.getJsonNumber("id").longValue()).build());
        assertEquals(202, queued.status(), queued.body());
        String shown = queued.json().getString("text");
        assertEquals("Hello Hanako, about Spring order for Sakura Trading: shall we go on?", shown);
        eventually("delivered", 20, () -> status(shown).equals("DELIVERED"));
        JsonObject atMeta = sentTemplate(channel.getString("phoneNumberId"), customer);
        assertEquals(template.getString("name"), atMeta.getString("name"));
        assertEquals("en_US", atMeta.getJsonObject("language").getString("code"));
        assertEquals(List.of("Hanako", "Spring order", "Sakura Trading"), parameterTexts(atMeta, "body"));
        assertEquals("pipeline_record_name", atMeta.getJsonArray("components").getJsonObject(0).getJsonArray("parameters")
                .getJsonObject(1).getString("parameter_name"));

        sandbox().post("/sandbox/api/customers/" + customer + "/messages", Json.createObjectBuilder()
                .add("phoneNumberId", channel.getString("phoneNumberId")).add("type", "text").add("text", "Yes please").build());
        eventually("the customer's answer", 20, () -> TestDatabase.number(
                "select count(*) from whatsapp.message where conversation_id = ? and direction = 'IN'", chat[0]) == 2);
        assertEquals(202, admin().post("/api/whatsapp/conversations/" + chat[0] + "/messages",
                Json.createObjectBuilder().add("text", "Great, I will send the details.").build()).status(),
                "the answer reopened the window for free text");
    }

    @Test
    void anImageHeaderIsUploadedThroughMetasResumableUploadAndSentWithEachTemplate() throws Exception {
        JsonObject channel = channel();
        Answer audio = admin().postFile("/api/whatsapp/templates/header-samples", "jingle.mp3", SampleFiles.mp3(),
                "channelId", Integer.toString(channel.getInt("id")));
        assertEquals("UNSUPPORTED_ATTACHMENT", audio.code(), "a header shows an image, a video or a document");
        Answer renamed = admin().postFile("/api/whatsapp/templates/header-samples", "photo.jpg", SampleFiles.pdf(),
                "channelId", Integer.toString(channel.getInt("id")));
        assertEquals("UNSUPPORTED_ATTACHMENT", renamed.code(), "the content is checked, not only the name");

        Answer sample = admin().postFile("/api/whatsapp/templates/header-samples", "shop front.jpg", SampleFiles.jpeg(),
                "channelId", Integer.toString(channel.getInt("id")));
        assertEquals(200, sample.status(), sample.body());
        assertEquals("IMAGE", sample.json().getString("format"));
        String handle = sample.json().getString("sampleHandle");
        assertTrue(handle.startsWith("4::"), "Meta's handle of the upload: " + handle);

        Answer created = admin().post("/api/whatsapp/templates", template(channel, uniqueName("with_image"), "UTILITY",
                "Hello " + FIRST_NAME + ", your shop is ready.").add("header", Json.createObjectBuilder().add("format", "IMAGE")
                .add("sampleHandle", handle).add("sampleName", "shop front.jpg")).build());
        assertEquals(201, created.status(), created.body());
        long templateId = created.id();
        eventually("approved", 20, () -> "APPROVED".equals(get(templateId).getString("status")));
        assertEquals("shop front.jpg", get(templateId).getJsonObject("header").getString("sampleName"));

        String customer = customerNumber();
        long[] chat = conversation(channel, customer, Instant.now().minusSeconds(26 * 3600));
        Answer queued = admin().post("/api/whatsapp/conversations/" + chat[0] + "/messages",
                Json.createObjectBuilder().add("templateId", templateId).build());
        assertEquals(202, queued.status(), queued.body());
        eventually("delivered", 20, () -> status(queued.json().getString("text")).equals("DELIVERED"));
        JsonObject header = sentTemplate(channel.getString("phoneNumberId"), customer).getJsonArray("components").getJsonObject(0);
        assertEquals("header", header.getString("type"));
        String mediaId = header.getJsonArray("parameters").getJsonObject(0).getJsonObject("image").getString("id");
        assertTrue(java.util.Arrays.equals(SampleFiles.jpeg(), sandbox().getBytes("/sandbox/api/media/" + mediaId + "/content")),
                "the customer sees the sample as the header");
    }

    @Test
    void aMissingValueIsAskedForAndNothingIsSentUntilItIsGiven() throws Exception {
        JsonObject channel = channel();
        JsonObject template = approved(channel, "UTILITY", "Hello " + FIRST_NAME + " of #Companies.Name#, your visit is confirmed.");
        long templateId = template.getJsonNumber("id").longValue();
        String customer = customerNumber();
        long[] chat = conversation(channel, customer, Instant.now().minusSeconds(30 * 3600));
        long outBefore = TestDatabase.number("select count(*) from whatsapp.message where direction = 'OUT'");

        JsonObject preview = admin().post("/api/whatsapp/templates/" + templateId + "/preview",
                Json.createObjectBuilder().add("conversationId", chat[0]).build()).json();
        assertEquals(List.of("company_name"), preview.getJsonArray("missing").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        Answer refused = admin().post("/api/whatsapp/conversations/" + chat[0] + "/messages", Json.createObjectBuilder()
                .add("templateId", templateId).build());
        assertEquals(400, refused.status(), refused.body());
        assertEquals("VALIDATION_FAILED", refused.code());
        assertEquals("params", refused.json().getString("field"));
        assertTrue(refused.json().getString("detail").contains("#Companies.Name#"), refused.body());
        assertEquals(outBefore, TestDatabase.number("select count(*) from whatsapp.message where direction = 'OUT'"));

        Answer given = admin().post("/api/whatsapp/conversations/" + chat[0] + "/messages", Json.createObjectBuilder()
                .add("templateId", templateId).add("params", Json.createObjectBuilder().add("company_name", "Typed Co")).build());
        assertEquals(202, given.status(), given.body());
        eventually("sent", 20, () -> !status(given.json().getString("text")).equals("QUEUED"));
        assertEquals(List.of("Customer", "Typed Co"), parameterTexts(sentTemplate(channel.getString("phoneNumberId"), customer), "body"),
                "the contact's first name from WhatsApp, the company as typed");
    }

    @Test
    void aNewChatStartsWithATemplateAndTurnsToFreeTextWhenTheCustomerAnswers() throws Exception {
        JsonObject channel = channel();
        JsonObject template = approved(channel, "UTILITY", "Hello " + FIRST_NAME + ", this is your new adviser.");
        String customer = customerNumber();
        long contact = admin().post("/api/crm/contacts", Json.createObjectBuilder().add("firstName", "Kenji")
                .add("lastName", "Mori").add("phone", "+" + customer).build()).id();

        Answer started = admin().post("/api/whatsapp/chats", Json.createObjectBuilder().add("contactId", contact)
                .add("channelId", channel.getInt("id")).add("templateId", template.getJsonNumber("id").longValue()).build());
        assertEquals(201, started.status(), started.body());
        long conversation = started.json().getJsonNumber("conversationId").longValue();
        eventually("delivered", 20, () -> status("Hello Kenji, this is your new adviser.").equals("DELIVERED"));
        assertEquals(List.of("Kenji"), parameterTexts(sentTemplate(channel.getString("phoneNumberId"), customer), "body"));
        assertEquals(contact, admin().get("/api/whatsapp/conversations/" + conversation).json()
                .getJsonNumber("contactId").longValue());
        assertEquals("WINDOW_CLOSED", admin().post("/api/whatsapp/conversations/" + conversation + "/messages",
                Json.createObjectBuilder().add("text", "Are you there?").build()).code(), "only the template until they answer");

        sandbox().post("/sandbox/api/customers/" + customer + "/messages", Json.createObjectBuilder()
                .add("phoneNumberId", channel.getString("phoneNumberId")).add("type", "text").add("text", "Hi!").build());
        eventually("the answer in the same chat", 20, () -> TestDatabase.number(
                "select count(*) from whatsapp.message where conversation_id = ? and direction = 'IN'", conversation) == 1);
        assertEquals(202, admin().post("/api/whatsapp/conversations/" + conversation + "/messages",
                Json.createObjectBuilder().add("text", "Welcome, Kenji!").build()).status());

        Answer noPhone = admin().post("/api/whatsapp/chats", Json.createObjectBuilder()
                .add("contactId", admin().post("/api/crm/contacts", Json.createObjectBuilder().add("firstName", "Nophone").build()).id())
                .add("channelId", channel.getInt("id")).add("templateId", template.getJsonNumber("id").longValue()).build());
        assertEquals("VALIDATION_FAILED", noPhone.code());
        assertEquals("contactId", noPhone.json().getString("field"));
    }

    @Test
    void aCustomerWhoStoppedMarketingIsMarkedAndOfferedNoMoreMarketing() throws Exception {
        JsonObject channel = channel();
        long marketing = approved(channel, "MARKETING", "New arrivals for " + FIRST_NAME + " this week.")
                .getJsonNumber("id").longValue();
        long utility = approved(channel, "UTILITY", "Your invoice is ready, " + FIRST_NAME + ".").getJsonNumber("id").longValue();
        String customer = customerNumber();
        long[] chat = conversation(channel, customer, Instant.now().minusSeconds(48 * 3600));
        sandbox().post("/sandbox/api/faults", Json.createObjectBuilder().add("path", "/messages").add("status", 400)
                .add("errorCode", 131050).add("count", 1).build());
        Answer first = admin().post("/api/whatsapp/conversations/" + chat[0] + "/messages",
                Json.createObjectBuilder().add("templateId", marketing).build());
        assertEquals(202, first.status(), first.body());
        eventually("failed with Meta's 131050", 20, () -> status(first.json().getString("text")).equals("FAILED"));
        assertEquals(1, TestDatabase.number("select count(*) from whatsapp.marketing_opt_out where contact_id = ?", chat[1]));

        Answer again = admin().post("/api/whatsapp/conversations/" + chat[0] + "/messages",
                Json.createObjectBuilder().add("templateId", marketing).build());
        assertEquals(400, again.status(), again.body());
        assertEquals("templateId", again.json().getString("field"));
        assertEquals(202, admin().post("/api/whatsapp/conversations/" + chat[0] + "/messages",
                Json.createObjectBuilder().add("templateId", utility).build()).status(), "utility templates still go");
    }
}
