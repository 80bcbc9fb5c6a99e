package io.crmkit.it;

import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.ApiClient.Answer;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.Organisations;
import io.crmkit.it.support.Seeds;
import io.crmkit.it.support.TestDatabase;
import io.crmkit.it.support.Webhooks;
import io.crmkit.plugin.api.BaseUrl;
import io.crmkit.whatsapp.testing.SampleFiles;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.crmkit.it.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Answers go through the outbox to the sandbox over HTTP: once, in order, or failed with a reason. */
@ExtendWith(ArquillianExtension.class)
class OutboxIT {

    @ArquillianResource
    URL base;
    @RegisterExtension
    final Seeds seeds = new Seeds();

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application();
    }

    @AfterEach
    void clearFaults() {
        sandbox().delete("/sandbox/api/faults");
    }

    private ApiClient admin() {
        return Organisations.administrator(base);
    }

    private ApiClient sandbox() {
        return ApiClient.sandbox(base);
    }

    /** A conversation whose customer wrote at {@code wroteAt}; answers its id. */
    private long conversation(Instant wroteAt) throws Exception {
        JsonObject channel = admin().post("/api/whatsapp/channels", Json.createObjectBuilder().add("mode", "SANDBOX")
                .add("name", "Outbox").add("assigneeIds", Json.createArrayBuilder().add(Organisations.administratorId(base)))
                .build()).json();
        String customer = seeds.japaneseMobile();
        String wamid = Webhooks.newWamid();
        JsonObject message = Json.createObjectBuilder(Webhooks.textMessage(customer, wamid, "Can you help?"))
                .add("timestamp", Long.toString(wroteAt.getEpochSecond())).build();
        byte[] body = Webhooks.envelope(Webhooks.entry(channel.getString("wabaId"), channel.getString("phoneNumberId"),
                Json.createArrayBuilder().add(message), Json.createArrayBuilder()));
        sandbox().postBytes("/webhooks/whatsapp", body, "X-Hub-Signature-256", Webhooks.signature(body));
        List<String> wamids = new ArrayList<>(List.of(wamid));
        if (wroteAt.isAfter(Instant.now().minusSeconds(3600))) {
            // the sandbox knows the window from what the customer wrote through it
            wamids.add(sandbox().post("/sandbox/api/customers/" + customer + "/messages", Json.createObjectBuilder()
                    .add("phoneNumberId", channel.getString("phoneNumberId")).add("type", "text").add("text", "still there")
                    .build()).json().getJsonArray("wamids").getString(0));
        }
        // Both messages stored: a test that counts the conversation's messages starts from all the customer wrote.
        eventually("the conversation", 10, () -> wamids.stream().allMatch(each -> TestDatabase.number(
                "select count(*) from whatsapp.message where wamid = ?", each) == 1));
        return TestDatabase.number("select conversation_id from whatsapp.message where wamid = ?", wamid);
    }

    private Answer send(ApiClient who, long conversation, String text) {
        return who.post("/api/whatsapp/conversations/" + conversation + "/messages", Json.createObjectBuilder().add("text", text).build());
    }

    private static String status(String text) {
        List<String> statuses = TestDatabase.strings("select status from whatsapp.message where direction = 'OUT' and text = ?", text);
        return statuses.isEmpty() ? "MISSING" : statuses.get(0);
    }

    /** How many times the sandbox (Meta) received a message with this text. */
    private long receivedBySandbox(String text) {
        return sandbox().get("/sandbox/api/sent").structure().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getJsonObject("body").containsKey("text")
                        && text.equals(m.getJsonObject("body").getJsonObject("text").getString("body", null)))
                .count();
    }

    @Test
    void anAnswerInsideTheWindowIsSentOnceAndItsTicksAdvance() throws Exception {
        long conversation = conversation(Instant.now());
        String text = "Yes, size M is in stock " + UUID.randomUUID();
        Answer queued = send(admin(), conversation, text);
        assertEquals(202, queued.status(), queued.body());
        assertEquals("QUEUED", queued.json().getString("status"));

        eventually("delivered", 20, () -> status(text).equals("DELIVERED"));
        assertEquals(1, receivedBySandbox(text));
        JsonObject shown = admin().get("/api/whatsapp/conversations/" + conversation + "/messages").structure().asJsonArray()
                .stream().map(JsonValue::asJsonObject).filter(m -> text.equals(m.getString("text", null))).findFirst().orElseThrow();
        assertEquals("OUT", shown.getString("direction"));
        assertTrue(shown.getString("wamid").startsWith("wamid."));
    }

    /** How many sends Meta holds without an answer, by the faults that hold them. */
    private int heldByMeta() {
        return sandbox().get("/sandbox/api/faults").structure().asJsonArray().stream().map(JsonValue::asJsonObject)
                .mapToInt(fault -> fault.getInt("holding")).sum();
    }

    @Test
    void aSlowAnswerFromMetaHoldsBackNoOtherAnswer() throws Exception {
        long slowChat = conversation(Instant.now());
        List<Long> otherChats = List.of(conversation(Instant.now()), conversation(Instant.now()), conversation(Instant.now()));
        String slowNumber = TestDatabase.strings("select ch.phone_number_id from whatsapp.channel ch join whatsapp.conversation c"
                + " on c.channel_id = ch.id where c.id = ?", slowChat).get(0);
        String slowPath = slowNumber + "/messages";
        // Meta takes the next send, and answers it only when this test lets it: the other answers are sent while it
        // certainly holds the slow one, however long they take on this machine.
        sandbox().post("/sandbox/api/faults", Json.createObjectBuilder().add("path", slowPath).add("status", 200)
                .add("errorCode", 0).add("hold", true).add("count", 1).build());
        String slowText = "Let me ask the warehouse " + UUID.randomUUID();
        assertEquals(202, send(admin(), slowChat, slowText).status());
        eventually("Meta holding the slow send", 20, () -> heldByMeta() == 1);

        List<String> otherTexts = new ArrayList<>();
        for (long chat : otherChats) {
            String text = "Your parcel left today " + UUID.randomUUID();
            otherTexts.add(text);
            assertEquals(202, send(admin(), chat, text).status());
        }
        eventually("the other answers sent while Meta holds the slow one", 30,
                () -> otherTexts.stream().allMatch(text -> List.of("SENT", "DELIVERED", "READ").contains(status(text))));
        assertEquals(1, heldByMeta(), "the slow answer is still in Meta's hands");
        assertEquals(0, receivedBySandbox(slowText));
        // Still queued; or, should waiting for Meta's answer have outlasted the outbox's limit for an unknown outcome,
        // failed as unknown, which Meta's late status still moves on.
        String slowStatus = TestDatabase.strings("select status || case when outcome_unknown then ' (outcome unknown)'"
                + " else '' end from whatsapp.message where text = ?", slowText).get(0);
        assertTrue(List.of("QUEUED", "FAILED (outcome unknown)").contains(slowStatus),
                "the slow answer is not taken for sent: " + slowStatus);

        sandbox().delete("/sandbox/api/faults");
        eventually("the slow answer delivered once Meta answers", 20, () -> status(slowText).equals("DELIVERED"));
        assertEquals(1, receivedBySandbox(slowText));
    }

    @Test
    void freeTextOutsideTheWindowIsRefusedAndNothingIsQueued() throws Exception {
        long conversation = conversation(Instant.now().minusSeconds(25 * 3600));
        long before = TestDatabase.number("select count(*) from whatsapp.message where direction = 'OUT'");
        Answer refused = send(admin(), conversation, "Are you still interested?");
        assertEquals(409, refused.status(), refused.body());
        assertEquals("WINDOW_CLOSED", refused.code());
        Answer template = admin().post("/api/whatsapp/conversations/" + conversation + "/messages",
                Json.createObjectBuilder().add("templateId", Long.MAX_VALUE).add("params", Json.createArrayBuilder()).build());
        assertEquals(404, template.status(), "a template that does not exist: " + template.body());
        assertEquals("NOT_FOUND", template.code());
        assertEquals(before, TestDatabase.number("select count(*) from whatsapp.message where direction = 'OUT'"));
    }

    @Test
    void onlyUsersWhoMayReplyCanSendAFileOrRetry() throws Exception {
        long conversation = conversation(Instant.now());
        String failedText = "Refused by Meta " + UUID.randomUUID();
        fault(400, 131026, 0, false, 1);
        send(admin(), conversation, failedText);
        eventually("the message failed", 20, () -> status(failedText).equals("FAILED"));
        long failedId = TestDatabase.number("select id from whatsapp.message where text = ?", failedText);
        long before = TestDatabase.number("select count(*) from whatsapp.message where direction = 'OUT'");
        for (String level : new String[]{"VIEW_ONLY", null}) {
            long profile = admin().post("/api/crm/profiles", Json.createObjectBuilder()
                    .add("name", "Outbox " + UUID.randomUUID().toString().substring(0, 6)).build()).id();
            if (level != null) {
                admin().put("/api/whatsapp/permissions/" + profile, Json.createObjectBuilder().add("level", level).build());
            }
            String username = "o" + UUID.randomUUID().toString().substring(0, 8);
            admin().post("/api/crm/users", Json.createObjectBuilder().add("username", username).add("name", username)
                    .add("profileId", profile).add("password", "outbox-password").build());
            ApiClient user = ApiClient.as(base, username, "outbox-password");
            Answer refused = send(user, conversation, "sneaky");
            assertEquals(403, refused.status(), level + ": " + refused.body());
            assertEquals("FORBIDDEN", refused.code());
            assertEquals(403, user.postFile("/api/whatsapp/conversations/" + conversation + "/messages", "sneaky.pdf",
                    SampleFiles.pdf()).status(), level + " sends a file");
            assertEquals(403, user.post("/api/whatsapp/conversations/" + conversation + "/messages/" + failedId + "/retry",
                    JsonValue.EMPTY_JSON_OBJECT).status(), level + " retries a failed message");
        }
        ApiClient outsider = Organisations.outsider(base);
        assertEquals(404, send(outsider, conversation, "other organisation").status());
        assertEquals(404, outsider.postFile("/api/whatsapp/conversations/" + conversation + "/messages", "other.pdf",
                SampleFiles.pdf()).status());
        assertEquals(before, TestDatabase.number("select count(*) from whatsapp.message where direction = 'OUT'"));
        assertEquals("FAILED", status(failedText), "the failed message was not sent again");
    }

    @Test
    void aNumberThatIsDisconnectedOrNeedsReauthorisationTakesNoAnswersAndKeepsItsHistory() throws Exception {
        long conversation = conversation(Instant.now());
        long channel = TestDatabase.number("select channel_id from whatsapp.conversation where id = ?", conversation);
        String wabaId = TestDatabase.strings("select waba_id from whatsapp.channel where id = ?", channel).get(0);
        long before = TestDatabase.number("select count(*) from whatsapp.message where conversation_id = ?", conversation);

        sandbox().post("/sandbox/api/accounts/" + wabaId + "/revoke", JsonValue.EMPTY_JSON_OBJECT);
        assertEquals("NEEDS_REAUTH", admin().post("/api/whatsapp/channels/" + channel + "/check", JsonValue.EMPTY_JSON_OBJECT)
                .json().getString("status"));
        Answer refused = send(admin(), conversation, "while the token is refused");
        assertEquals(409, refused.status());
        assertEquals("CHANNEL_NEEDS_REAUTH", refused.code());
        assertEquals("CHANNEL_NEEDS_REAUTH", sendFile(conversation, "quote.pdf", SampleFiles.pdf()).code());

        assertEquals("DISCONNECTED", admin().delete("/api/whatsapp/channels/" + channel).json().getString("status"));
        Answer disconnected = send(admin(), conversation, "after the disconnect");
        assertEquals(409, disconnected.status());
        assertEquals("CHANNEL_DISCONNECTED", disconnected.code());
        assertEquals(before, TestDatabase.number("select count(*) from whatsapp.message where conversation_id = ?", conversation),
                "nothing queued");
        assertEquals(before, admin().get("/api/whatsapp/conversations/" + conversation + "/messages").structure().asJsonArray()
                .size(), "the history stays readable");
    }

    private void fault(int status, int errorCode, long delayMs, boolean drop, int count) {
        sandbox().post("/sandbox/api/faults", Json.createObjectBuilder().add("path", "/messages").add("status", status)
                .add("errorCode", errorCode).add("delayMs", delayMs).add("drop", drop).add("count", count).build());
    }

    private void faultAtRate(int status, int errorCode, long delayMs, boolean drop, double rate) {
        sandbox().post("/sandbox/api/faults", Json.createObjectBuilder().add("path", "/messages").add("status", status)
                .add("errorCode", errorCode).add("delayMs", delayMs).add("drop", drop).add("count", 1_000)
                .add("rate", rate).build());
    }

    @Test
    void underTwentyPercentInjectedFaultsEveryMessageIsSentExactlyOnceOrFailsWithAReason() throws Exception {
        long conversation = conversation(Instant.now());
        // The first send is refused for good, so that one message surely fails and is sent again by the user.
        fault(400, 131026, 0, false, 1);
        // Then one send call in five meets trouble: Meta's 500s, its throughput limit, no answer in time, a dropped answer.
        faultAtRate(500, 131000, 0, false, 0.05);
        faultAtRate(400, 130429, 0, false, 0.05);
        faultAtRate(200, 0, 5_000, false, 0.05);
        faultAtRate(200, 0, 0, true, 0.05);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String text = "Answer " + i + " " + UUID.randomUUID();
            texts.add(text);
            assertEquals(202, send(admin(), conversation, text).status());
        }
        eventually("every message settled", 150, () -> texts.stream().noneMatch(t -> status(t).equals("QUEUED")));
        sandbox().delete("/sandbox/api/faults");

        for (String text : texts) {
            long received = receivedBySandbox(text);
            String status = status(text);
            assertTrue(received <= 1, text + " reached Meta " + received + " times");
            if (status.equals("FAILED")) {
                assertFalse(TestDatabase.strings("select error_detail from whatsapp.message where text = ?", text).get(0).isBlank());
                assertEquals(0, received, text + " failed, yet Meta has a copy");
            } else {
                assertEquals(1, received, text + " is " + status + " but Meta has no copy");
            }
        }
        List<String> order = sandbox().get("/sandbox/api/sent").structure().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getString("type").equals("text"))
                .map(m -> m.getJsonObject("body").getJsonObject("text").getString("body", "")).filter(texts::contains).toList();
        assertEquals(texts.stream().filter(order::contains).toList(), order, "sent in the order they were written");

        assertEquals("FAILED", status(texts.get(0)), "the refused first message failed");
        String retried = texts.get(0);
        long id = TestDatabase.number("select id from whatsapp.message where text = ?", retried);
        assertEquals(202, admin().post("/api/whatsapp/conversations/" + conversation + "/messages/" + id + "/retry",
                JsonValue.EMPTY_JSON_OBJECT).status());
        eventually("the retry delivered", 20, () -> status(retried).equals("DELIVERED"));
        assertEquals(1, receivedBySandbox(retried));
    }

    private static String sha256(byte[] content) throws Exception {
        return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(content));
    }

    private Answer sendFile(long conversation, String fileName, byte[] content, String... fields) {
        return admin().postFile("/api/whatsapp/conversations/" + conversation + "/messages", fileName, content, fields);
    }

    /** What the sandbox (Meta) received for the message whose plugin reference is this. */
    private List<JsonObject> receivedByReference(String reference) {
        return sandbox().get("/sandbox/api/sent").structure().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(m -> reference.equals(m.getJsonObject("body").getString("biz_opaque_callback_data", null))).toList();
    }

    @Test
    void everyAttachmentTypeReachesTheCustomerAsUploadedWithItsCaptionAndName() throws Exception {
        long conversation = conversation(Instant.now());
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("Photo.JPG", SampleFiles.jpeg());
        files.put("photo.jpeg", SampleFiles.jpeg());
        files.put("chart.png", SampleFiles.png());
        files.put("請求書 2026.pdf", SampleFiles.pdf());
        files.put("quote.doc", SampleFiles.doc());
        files.put("عرض سعر.docx", SampleFiles.docx());
        files.put("jingle.mp3", SampleFiles.mp3());
        files.put("demo.mp4", SampleFiles.mp4());
        Map<String, String> expectedType = Map.of("Photo.JPG", "image", "photo.jpeg", "image", "chart.png", "image",
                "請求書 2026.pdf", "document", "quote.doc", "document", "عرض سعر.docx", "document", "jingle.mp3", "audio",
                "demo.mp4", "video");
        Map<String, Long> queued = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            boolean audio = file.getKey().endsWith(".mp3");
            Answer answer = audio ? sendFile(conversation, file.getKey(), file.getValue())
                    : sendFile(conversation, file.getKey(), file.getValue(), "caption", "Here is " + file.getKey() + " 📎");
            assertEquals(202, answer.status(), file.getKey() + ": " + answer.body());
            assertEquals(expectedType.get(file.getKey()), answer.json().getString("type"));
            assertEquals(file.getValue().length, answer.json().getJsonObject("attachment").getJsonNumber("size").longValue());
            queued.put(file.getKey(), answer.id());
        }
        eventually("every file delivered", 40, () -> queued.values().stream().allMatch(id -> TestDatabase.strings(
                "select status from whatsapp.message where id = ?", id).get(0).equals("DELIVERED")));

        for (Map.Entry<String, Long> file : queued.entrySet()) {
            String reference = TestDatabase.strings("select reference_id from whatsapp.message where id = ?", file.getValue()).get(0);
            List<JsonObject> received = receivedByReference(reference);
            assertEquals(1, received.size(), file.getKey() + " reached Meta once");
            JsonObject sent = received.get(0);
            String type = expectedType.get(file.getKey());
            assertEquals(type, sent.getString("type"));
            assertEquals(sha256(files.get(file.getKey())), sent.getJsonObject("media").getString("sha256"),
                    file.getKey() + ": the customer gets the very bytes the agent attached");
            JsonObject object = sent.getJsonObject("body").getJsonObject(type);
            if (type.equals("audio")) {
                assertFalse(object.containsKey("caption"), "audio has no caption");
            } else {
                assertEquals("Here is " + file.getKey() + " 📎", object.getString("caption"));
            }
            assertEquals(type.equals("document") ? file.getKey() : null, object.getString("filename", null));
        }
        String phoneNumberId = TestDatabase.strings("select c.phone_number_id from whatsapp.channel c join whatsapp.conversation v"
                + " on v.channel_id = c.id where v.id = ?", conversation).get(0);
        String customer = TestDatabase.strings("select customer_key from whatsapp.conversation where id = ?", conversation).get(0);
        JsonObject received = sandbox().get("/sandbox/api/sent?phoneNumberId=" + phoneNumberId + "&to=" + customer).structure()
                .asJsonArray().stream().map(JsonValue::asJsonObject).filter(m -> m.getString("type").equals("document"))
                .filter(m -> m.getJsonObject("media").getString("fileName").equals("請求書 2026.pdf")).findFirst().orElseThrow();
        byte[] onThePhone = sandbox().download(BaseUrl.of(base).resolve("sandbox/api/media/"
                + received.getJsonObject("media").getString("id") + "/content").toString(), "none");
        assertEquals(sha256(SampleFiles.pdf()), sha256(onThePhone), "the customer's phone opens the very PDF");

        long pdf = queued.get("請求書 2026.pdf");
        Answer download = admin().get("/api/whatsapp/conversations/" + conversation + "/messages/" + pdf + "/media");
        assertEquals(200, download.status());
        assertTrue(download.contentType().startsWith("application/pdf"), download.contentType());
    }

    @Test
    void aRenamedExecutableAnOversizedImageAndAFileOutsideTheWindowAreRefusedAndNothingIsQueued() throws Exception {
        long open = conversation(Instant.now());
        long closed = conversation(Instant.now().minusSeconds(25 * 3600));
        long messages = TestDatabase.number("select count(*) from whatsapp.message where direction = 'OUT'");
        long files = TestDatabase.number("select count(*) from whatsapp.media_file");

        Answer executable = sendFile(open, "invoice.pdf", SampleFiles.executable());
        assertEquals(415, executable.status(), executable.body());
        assertEquals("UNSUPPORTED_ATTACHMENT", executable.code());
        assertTrue(executable.isProblem());
        assertEquals("UNSUPPORTED_ATTACHMENT", sendFile(open, "setup.exe", SampleFiles.executable()).code());
        assertEquals("UNSUPPORTED_ATTACHMENT", sendFile(open, "photo.jpg", SampleFiles.pdf()).code());

        byte[] huge = new byte[(5 << 20) + 10];
        System.arraycopy(SampleFiles.jpeg(), 0, huge, 0, SampleFiles.jpeg().length);
        Answer tooLarge = sendFile(open, "huge.jpg", huge);
        assertEquals(413, tooLarge.status(), tooLarge.body());
        assertEquals("ATTACHMENT_TOO_LARGE", tooLarge.code());

        Answer audioCaption = sendFile(open, "jingle.mp3", SampleFiles.mp3(), "caption", "listen");
        assertEquals("VALIDATION_FAILED", audioCaption.code());

        Answer windowClosed = sendFile(closed, "invoice.pdf", SampleFiles.pdf());
        assertEquals(409, windowClosed.status());
        assertEquals("WINDOW_CLOSED", windowClosed.code());

        assertEquals(messages, TestDatabase.number("select count(*) from whatsapp.message where direction = 'OUT'"));
        assertEquals(files, TestDatabase.number("select count(*) from whatsapp.media_file"));
        assertEquals(200, admin().get("/health/ready").status(), "the server stays healthy");
    }

    @Test
    void thePairLimitHoldsTheConversationBackAndThenSendsInOrder() throws Exception {
        long conversation = conversation(Instant.now());
        fault(400, 131056, 0, false, 2);
        String first = "First after the pair limit " + UUID.randomUUID();
        String second = "Second after the pair limit " + UUID.randomUUID();
        send(admin(), conversation, first);
        send(admin(), conversation, second);
        eventually("both delivered", 30, () -> status(first).equals("DELIVERED") && status(second).equals("DELIVERED"));
        assertEquals(2, TestDatabase.number("select pair_limit_holds from whatsapp.message where text = ?", first),
                "held back twice, 4^0 then 4^1 units");
        assertEquals(1, receivedBySandbox(first));
        assertEquals(1, receivedBySandbox(second));
        List<String> order = sandbox().get("/sandbox/api/sent").structure().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(m -> m.getJsonObject("body").containsKey("text"))
                .map(m -> m.getJsonObject("body").getJsonObject("text").getString("body", ""))
                .filter(t -> t.equals(first) || t.equals(second)).toList();
        assertEquals(List.of(first, second), order, "the second waited for the first");
    }

    @Test
    void replyOptionsTellWhatMaySendAndFillQuickRepliesFromTheContactItsCompanyAndItsDeal() throws Exception {
        long conversation = conversation(Instant.now().minusSeconds(60));
        String base = "/api/whatsapp/conversations/" + conversation;
        long contact = admin().get(base).json().getJsonNumber("contactId").longValue();
        long company = admin().post("/api/crm/companies", Json.createObjectBuilder().add("name", "桜 Trading").build()).id();
        admin().patch("/api/crm/contacts/" + contact, Json.createObjectBuilder().add("firstName", "Hanako")
                .add("lastName", "Sato").add("companyId", company).build());
        admin().post("/api/crm/pipelines", Json.createObjectBuilder().add("name", "Spring order").add("stage", "Proposal")
                .add("contactId", contact).build());
        String shortcut = "/order" + System.nanoTime() % 10_000;
        admin().post("/api/whatsapp/quick-replies", Json.createObjectBuilder().add("shortcut", shortcut).add("text",
                "Hi #Contacts.First Name# #Contacts.Last Name# of #Companies.Name#: #Pipelines.Name# is at"
                        + " #Pipelines.Stage#. Mail: #Contacts.Email#").build());

        JsonObject options = admin().get(base + "/reply-options").json();
        assertTrue(options.getBoolean("windowOpen"));
        assertEquals(4096, options.getInt("textMax"));
        assertEquals(1024, options.getInt("captionMax"));
        JsonObject images = options.getJsonArray("files").getValuesAs(JsonObject.class).stream()
                .filter(rule -> rule.getString("kind").equals("image")).findFirst().orElseThrow();
        assertEquals(List.of("jpg", "jpeg", "png"), images.getJsonArray("extensions").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList());
        assertEquals(5L << 20, images.getJsonNumber("maxBytes").longValue());
        JsonObject reply = options.getJsonArray("quickReplies").getValuesAs(JsonObject.class).stream()
                .filter(q -> q.getString("shortcut").equals(shortcut)).findFirst().orElseThrow();
        assertEquals("Hi Hanako Sato of 桜 Trading: Spring order is at Proposal. Mail: ", reply.getString("text"));
        assertEquals(List.of("#Contacts.Email#"), reply.getJsonArray("missing").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList(), "the field without a value is named, so the agent can check the text");

        JsonObject closed = admin().get("/api/whatsapp/conversations/" + conversation(Instant.now().minusSeconds(25 * 3600))
                + "/reply-options").json();
        assertFalse(closed.getBoolean("windowOpen"), "a window closed a day ago offers no free text");
    }
}
