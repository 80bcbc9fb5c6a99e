package io.crmkit.it;

import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.ApiClient.Answer;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.EmbeddedDatabaseSession;
import io.crmkit.it.support.Eventually;
import io.crmkit.it.support.Organisations;
import io.crmkit.it.support.Seeds;
import io.crmkit.it.support.SilentlyRollingBackHost;
import io.crmkit.it.support.TestDatabase;
import io.crmkit.it.support.Webhooks;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the stored webhook events become: contacts, owners, conversations, messages and statuses. */
@ExtendWith(ArquillianExtension.class)
class InboundProcessingIT {
    @RegisterExtension
    final Seeds seeds = new Seeds();


    @ArquillianResource
    URL base;

    /** The application, with a host that can be told to break plugin-api's promise for some names. */
    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application().addClasses(SilentlyRollingBackHost.class);
    }

    @BeforeAll
    static void spoiledNames() {
        TestDatabase.update("create table if not exists " + SilentlyRollingBackHost.TABLE + " (name text primary key)");
    }

    private ApiClient admin() {
        return Organisations.administrator(base);
    }

    private String lastAgentName;

    /** The username of a new agent of the Standard profile, password {@code agent-password}. */
    private String agent() {
        newUser();
        return lastAgentName;
    }

    /** A new user of a profile that may answer WhatsApp chats. */
    private long newAgent() {
        if (agentsProfile == 0) {
            agentsProfile = admin().post("/api/crm/profiles", Json.createObjectBuilder()
                    .add("name", "WhatsApp agents " + UUID.randomUUID().toString().substring(0, 8)).build()).id();
            admin().put("/api/whatsapp/permissions/" + agentsProfile, Json.createObjectBuilder().add("level", "VIEW_AND_REPLY").build());
        }
        String username = "agent" + UUID.randomUUID().toString().substring(0, 8);
        return admin().post("/api/crm/users", Json.createObjectBuilder().add("username", username).add("name", username)
                .add("profileId", agentsProfile).add("password", "agent-password").build()).id();
    }

    private long agentsProfile;

    private long newUser() {
        long standard = admin().get("/api/crm/profiles").structure().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(p -> p.getString("name").equals("Standard")).findFirst().orElseThrow().getJsonNumber("id").longValue();
        String username = "agent" + UUID.randomUUID().toString().substring(0, 8);
        lastAgentName = username;
        return admin().post("/api/crm/users", Json.createObjectBuilder().add("username", username).add("name", username)
                .add("profileId", standard).add("password", "agent-password").build()).id();
    }

    private JsonObject channel(long... assignees) {
        JsonArrayBuilder ids = Json.createArrayBuilder();
        for (long id : assignees) {
            ids.add(id);
        }
        Answer answer = admin().post("/api/whatsapp/channels", Json.createObjectBuilder().add("mode", "SANDBOX")
                .add("name", "Inbound").add("assigneeIds", ids).build());
        assertEquals(201, answer.status(), answer.body());
        return answer.json();
    }

    private void deliver(JsonObject channel, JsonArrayBuilder messages, JsonArrayBuilder statuses) {
        byte[] body = Webhooks.envelope(Webhooks.entry(channel.getString("wabaId"), channel.getString("phoneNumberId"),
                messages, statuses));
        Answer answer = ApiClient.anonymous(base).postBytes("/webhooks/whatsapp", body, "X-Hub-Signature-256", Webhooks.signature(body));
        assertEquals(200, answer.status(), answer.body());
    }

    private static void eventually(String what, BooleanSupplier condition) throws InterruptedException {
        Eventually.eventually(what, 10, condition);
    }

    /** The conversation a stored message belongs to. */
    private static long conversationOf(String wamid) {
        return TestDatabase.number("select conversation_id from whatsapp.message where wamid = ?", wamid);
    }

    private String uniqueNumber() {
        return seeds.japaneseMobile();
    }

    @Test
    void newNumbersBecomeContactsDealtExactlyFairlyEvenWhenTheyArriveTogether() throws Exception {
        long first = newAgent();
        long second = newAgent();
        long third = newAgent();
        JsonObject channel = channel(first, second, third);
        ExecutorService senders = Executors.newFixedThreadPool(6);
        List<Future<?>> sent = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String from = uniqueNumber();
            sent.add(senders.submit(() -> deliver(channel, Json.createArrayBuilder()
                    .add(Webhooks.textMessage(from, Webhooks.newWamid(), "Hello")), Json.createArrayBuilder())));
        }
        for (Future<?> delivery : sent) {
            delivery.get();
        }
        senders.shutdown();
        int channelId = channel.getInt("id");
        eventually("30 conversations", () -> TestDatabase.number(
                "select count(*) from whatsapp.conversation where channel_id = ?", channelId) == 30);

        Map<String, Long> perOwner = TestDatabase.strings("select c.owner_id::text from whatsapp.conversation c"
                        + " where c.channel_id = ?", channelId).stream()
                .collect(Collectors.groupingBy(owner -> owner, Collectors.counting()));
        assertEquals(Map.of(Long.toString(first), 10L, Long.toString(second), 10L, Long.toString(third), 10L), perOwner);
        assertEquals(30, TestDatabase.number("select count(distinct contact_id) from whatsapp.conversation where channel_id = ?",
                channelId), "one new contact per new number");
    }

    /** The distinct owners the channel's chats were dealt to, once four new customers wrote. */
    private List<String> ownersAfterFourNewCustomersWrite(JsonObject channel) throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            deliver(channel, Json.createArrayBuilder().add(Webhooks.textMessage(uniqueNumber(), Webhooks.newWamid(), "hi")),
                    Json.createArrayBuilder());
        }
        eventually("4 conversations", () -> TestDatabase.number(
                "select count(*) from whatsapp.conversation where channel_id = ?", channel.getInt("id")) == 4);
        return TestDatabase.strings("select distinct owner_id::text from whatsapp.conversation where channel_id = ?",
                channel.getInt("id"));
    }

    @Test
    void deactivatedUsersAreSkippedInTheDeal() throws Exception {
        long active = newAgent();
        long leaving = newAgent();
        JsonObject channel = channel(leaving, active);
        admin().patch("/api/crm/users/" + leaving, Json.createObjectBuilder().add("active", false).build());
        assertEquals(List.of(Long.toString(active)), ownersAfterFourNewCustomersWrite(channel));
    }

    @Test
    void usersWhoCannotSeeTheChatsAreSkippedInTheDealAndNoOneIsGivenAChatTheyCannotSee() throws Exception {
        long blind = newUser();
        long agent = newAgent();
        JsonObject channel = channel(blind, agent);
        assertEquals(List.of(Long.toString(agent)), ownersAfterFourNewCustomersWrite(channel),
                "a Standard user, whose profile has no WhatsApp level, is never dealt a chat");

        JsonObject onlyBlind = channel(newUser());
        String customer = uniqueNumber();
        deliver(onlyBlind, Json.createArrayBuilder().add(Webhooks.textMessage(customer, Webhooks.newWamid(), "hello?")),
                Json.createArrayBuilder());
        eventually("the conversation", () -> TestDatabase.number(
                "select count(*) from whatsapp.conversation where channel_id = ?", onlyBlind.getInt("id")) == 1);
        assertEquals(Arrays.asList((String) null), TestDatabase.strings(
                "select owner_id::text from whatsapp.conversation where channel_id = ?", onlyBlind.getInt("id")),
                "with no one who may see it, the chat waits unassigned in All conversations");
    }

    @Test
    void sharedContactsListRepliesAndANumberChangeAreKeptToo() throws Exception {
        JsonObject channel = channel(newUser());
        String customer = uniqueNumber();
        long now = Instant.now().getEpochSecond();
        JsonObject contacts = Json.createObjectBuilder().add("from", customer).add("id", Webhooks.newWamid())
                .add("timestamp", Long.toString(now)).add("type", "contacts")
                .add("contacts", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("name", Json.createObjectBuilder().add("formatted_name", "Ken Tanaka"))
                        .add("phones", Json.createArrayBuilder().add(Json.createObjectBuilder().add("phone", "+81 80 1234 5678")))))
                .build();
        JsonObject listReply = Json.createObjectBuilder().add("from", customer).add("id", Webhooks.newWamid())
                .add("timestamp", Long.toString(now + 1)).add("type", "interactive")
                .add("interactive", Json.createObjectBuilder().add("type", "list_reply")
                        .add("list_reply", Json.createObjectBuilder().add("id", "slot-2").add("title", "Friday morning")))
                .build();
        JsonObject system = Json.createObjectBuilder().add("from", customer).add("id", Webhooks.newWamid())
                .add("timestamp", Long.toString(now + 2)).add("type", "system")
                .add("system", Json.createObjectBuilder().add("body", "User changed number").add("wa_id", "819099998888")
                        .add("type", "user_changed_number"))
                .build();
        deliver(channel, Json.createArrayBuilder().add(contacts).add(listReply).add(system), Json.createArrayBuilder());
        eventually("three messages", () -> TestDatabase.number("select count(*) from whatsapp.message m join whatsapp.conversation c"
                + " on c.id = m.conversation_id where c.channel_id = ?", channel.getInt("id")) == 3);
        assertEquals(List.of("contacts|Ken Tanaka", "reply|Friday morning", "system|User changed number"), TestDatabase.strings(
                "select m.type || '|' || m.text from whatsapp.message m join whatsapp.conversation c on c.id = m.conversation_id"
                        + " where c.channel_id = ? order by m.sent_at", channel.getInt("id")));
    }

    @Test
    void aKnownContactIsFoundWhateverFormOfABrazilianNumberWhatsAppUses() throws Exception {
        long contact = admin().post("/api/crm/contacts", Json.createObjectBuilder().add("firstName", "Beatriz")
                .add("phone", "+55 11 98765 4321").build()).id();
        JsonObject channel = channel(newUser());
        deliver(channel, Json.createArrayBuilder().add(Webhooks.textMessage("551187654321", Webhooks.newWamid(), "Olá")),
                Json.createArrayBuilder());
        eventually("the conversation", () -> TestDatabase.number(
                "select count(*) from whatsapp.conversation where channel_id = ?", channel.getInt("id")) == 1);
        assertEquals(contact, TestDatabase.number("select contact_id from whatsapp.conversation where channel_id = ?",
                channel.getInt("id")), "no duplicate contact for the number without the ninth digit");
    }

    @Test
    void everyKindIsKeptAtMetasTimeAndTheWindowFollowsTheLatestMessage() throws Exception {
        JsonObject channel = channel(newUser());
        String customer = uniqueNumber();
        String text = Webhooks.newWamid();
        long sentAt = Instant.now().minusSeconds(3_600).getEpochSecond();
        JsonObject early = Json.createObjectBuilder(Webhooks.textMessage(customer, text, "What about size M?"))
                .add("timestamp", Long.toString(sentAt)).build();
        deliver(channel, Json.createArrayBuilder().add(early), Json.createArrayBuilder());
        eventually("the text", () -> TestDatabase.number("select count(*) from whatsapp.message where wamid = ?", text) == 1);

        Answer played = ApiClient.sandbox(base).post("/sandbox/api/customers/" + customer + "/messages", Json.createObjectBuilder()
                .add("phoneNumberId", channel.getString("phoneNumberId")).add("name", "Mika")
                .add("messages", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("type", "image").add("caption", "this one"))
                        .add(Json.createObjectBuilder().add("type", "document").add("fileName", "order.pdf"))
                        .add(Json.createObjectBuilder().add("type", "location"))
                        .add(Json.createObjectBuilder().add("type", "button").add("text", "Yes, please"))
                        .add(Json.createObjectBuilder().add("type", "reaction").add("messageId", text).add("emoji", "❤"))
                        .add(Json.createObjectBuilder().add("type", "hologram")))
                .build());
        assertEquals(200, played.status(), played.body());
        long conversation = conversationOf(text);
        eventually("all kinds", () -> TestDatabase.number("select count(*) from whatsapp.message where conversation_id = ?",
                conversation) == 6);

        assertEquals(List.of("text", "image", "document", "location", "reply", "unsupported"), TestDatabase.strings(
                "select type from whatsapp.message where conversation_id = ? order by sent_at, id", conversation));
        assertTrue(TestDatabase.strings("select details from whatsapp.message where wamid = ?", text).get(0).contains("\"reaction\":\"❤\""),
                "the reaction shows on the message it reacts to");
        assertEquals(sentAt, TestDatabase.number("select extract(epoch from sent_at)::bigint from whatsapp.message where wamid = ?", text),
                "Meta's time, not the processing time");
        assertEquals(6, TestDatabase.number("select unread_count from whatsapp.conversation where id = ?", conversation));
        long windowEnd = TestDatabase.number("select extract(epoch from window_expires_at)::bigint from whatsapp.conversation where id = ?",
                conversation);
        assertTrue(windowEnd > sentAt + 24 * 3600, "the latest message reopened the window for 24 hours");

        // The same message again, then a new one written before all the others: processed in order, so once the
        // new one is there, the duplicate has had its turn.
        String older = Webhooks.newWamid();
        deliver(channel, Json.createArrayBuilder().add(early).add(Json.createObjectBuilder(Webhooks.textMessage(customer, older,
                "Written before the rest")).add("timestamp", Long.toString(sentAt - 60)).build()), Json.createArrayBuilder());
        eventually("the older message", () -> TestDatabase.number("select count(*) from whatsapp.message where wamid = ?",
                older) == 1);
        assertEquals(1, TestDatabase.number("select count(*) from whatsapp.message where wamid = ?", text), "a duplicate is ignored");
        assertEquals(windowEnd, TestDatabase.number(
                "select extract(epoch from window_expires_at)::bigint from whatsapp.conversation where id = ?", conversation),
                "an older message never shortens the window");
    }

    @Test
    void aUserKnownOnlyByUsernameGetsAConversationAndAContactWithoutPhone() throws Exception {
        JsonObject channel = channel(newUser());
        String wamid = Webhooks.newWamid();
        JsonObject message = Json.createObjectBuilder().add("user_id", "US.13491208655302741918").add("id", wamid)
                .add("timestamp", Long.toString(Instant.now().getEpochSecond())).add("type", "text")
                .add("text", Json.createObjectBuilder().add("body", "hi from a username")).build();
        deliver(channel, Json.createArrayBuilder().add(message), Json.createArrayBuilder());
        eventually("the message", () -> TestDatabase.number("select count(*) from whatsapp.message where wamid = ?", wamid) == 1);
        assertEquals(List.of("user:US.13491208655302741918"), TestDatabase.strings(
                "select customer_key from whatsapp.conversation where channel_id = ?", channel.getInt("id")));
    }

    @Test
    void statusesMoveForwardOnlyWhateverOrderTheyArriveIn() throws Exception {
        JsonObject channel = channel(newUser());
        String customer = uniqueNumber();
        String inbound = Webhooks.newWamid();
        deliver(channel, Json.createArrayBuilder().add(Webhooks.textMessage(customer, inbound, "hi")), Json.createArrayBuilder());
        eventually("the conversation", () -> TestDatabase.number("select count(*) from whatsapp.message where wamid = ?", inbound) == 1);
        long conversation = conversationOf(inbound);
        long organisation = TestDatabase.number("select organisation_id from whatsapp.conversation where id = ?", conversation);
        String outbound = Webhooks.newWamid();
        // An answer as the outbox (next feature) will store it once Meta accepted it.
        TestDatabase.update("insert into whatsapp.message (organisation_id, conversation_id, direction, type, wamid, text, status,"
                + " sent_at, created_at) values (?, ?, 'OUT', 'text', ?, 'Yes, size M is in stock', 'QUEUED', now(), now())",
                organisation, conversation, outbound);

        List<String> shuffled = new ArrayList<>(List.of("delivered", "sent", "read", "delivered", "sent"));
        Collections.shuffle(shuffled);
        for (String status : shuffled) {
            deliver(channel, Json.createArrayBuilder(), Json.createArrayBuilder().add(Webhooks.status(outbound, status)));
        }
        eventually("read", () -> TestDatabase.strings("select status from whatsapp.message where wamid = ?", outbound)
                .equals(List.of("READ")));
        JsonObject failed = Json.createObjectBuilder(Webhooks.status(outbound, "failed"))
                .add("errors", Json.createArrayBuilder().add(Json.createObjectBuilder().add("code", 131026).add("title", "x"))).build();
        // A status of another answer to the same customer after it: processed in order, so once that one has
        // moved, the failure has had its turn.
        String marker = Webhooks.newWamid();
        TestDatabase.update("insert into whatsapp.message (organisation_id, conversation_id, direction, type, wamid, text, status,"
                + " sent_at, created_at) values (?, ?, 'OUT', 'text', ?, 'Anything else?', 'QUEUED', now(), now())",
                organisation, conversation, marker);
        deliver(channel, Json.createArrayBuilder(), Json.createArrayBuilder().add(failed).add(Webhooks.status(marker, "delivered")));
        eventually("the later status", () -> TestDatabase.strings("select status from whatsapp.message where wamid = ?", marker)
                .equals(List.of("DELIVERED")));
        assertEquals(List.of("READ"), TestDatabase.strings("select status from whatsapp.message where wamid = ?", outbound),
                "nothing moves a read message back");

        String unknown = Webhooks.newWamid();
        deliver(channel, Json.createArrayBuilder(), Json.createArrayBuilder().add(Webhooks.status(unknown, "delivered")));
        eventually("an early status kept", () -> TestDatabase.number("select count(*) from whatsapp.early_status where wamid = ?",
                unknown) == 1);
    }

    @Test
    void anEventThatCannotBeProcessedIsParkedWithoutHoldingBackTheOthers() throws Exception {
        JsonObject channel = channel(newUser());
        long organisation = TestDatabase.number("select organisation_id from whatsapp.channel where id = ?", channel.getInt("id"));
        long broken = TestDatabase.update("insert into whatsapp.webhook_event (organisation_id, channel_id, kind, dedupe_key,"
                + " occurred_at, payload, received_at) values (?, ?, 'MESSAGE', ?, now(), '{\"not\": \"a message\"}', now()) returning id",
                organisation, channel.getInt("id"), "broken:" + UUID.randomUUID());
        String wamid = Webhooks.newWamid();
        deliver(channel, Json.createArrayBuilder().add(Webhooks.textMessage(uniqueNumber(), wamid, "still here")),
                Json.createArrayBuilder());

        eventually("the good message", () -> TestDatabase.number("select count(*) from whatsapp.message where wamid = ?", wamid) == 1);
        eventually("the bad event parked", () -> TestDatabase.number(
                "select count(*) from whatsapp.webhook_event where id = ? and parked_at is not null and attempts = 5", broken) == 1);
        assertTrue(TestDatabase.strings("select last_error from whatsapp.webhook_event where id = ?", broken).get(0) != null);
    }

    // ---- nothing lost ----

    /** A delivery of one message from a customer with a WhatsApp profile name. */
    private void deliverFrom(JsonObject channel, String waId, String profileName, JsonObject message) {
        JsonObject entry = Webhooks.entry(channel.getString("wabaId"), channel.getString("phoneNumberId"),
                Json.createArrayBuilder().add(message), Json.createArrayBuilder());
        JsonObject value = entry.getJsonArray("changes").getJsonObject(0).getJsonObject("value");
        JsonObject named = Json.createObjectBuilder(value).add("contacts", Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("profile", Json.createObjectBuilder().add("name", profileName)).add("wa_id", waId))).build();
        JsonObject renamed = Json.createObjectBuilder(entry).add("changes", Json.createArrayBuilder().add(
                Json.createObjectBuilder(entry.getJsonArray("changes").getJsonObject(0)).add("value", named))).build();
        byte[] body = Webhooks.envelope(renamed);
        Answer answer = ApiClient.anonymous(base).postBytes("/webhooks/whatsapp", body, "X-Hub-Signature-256", Webhooks.signature(body));
        assertEquals(200, answer.status(), answer.body());
    }

    private JsonObject listed(long conversationId) {
        return admin().get("/api/whatsapp/conversations/" + conversationId).json();
    }

    @Test
    void aNumberTheCrmRefusesGetsItsContactAndHoldsNoOneBack() throws Exception {
        JsonObject channel = channel(newUser());
        int channelId = channel.getInt("id");
        String refusedWamid = Webhooks.newWamid();
        deliverFrom(channel, "447700900999", "Drama Number", Webhooks.textMessage("447700900999", refusedWamid, "Hello from London"));
        List<String> others = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            String customer = uniqueNumber();
            others.add(customer);
            deliver(channel, Json.createArrayBuilder().add(Webhooks.textMessage(customer, Webhooks.newWamid(), "hi " + i)),
                    Json.createArrayBuilder());
        }

        eventually("21 conversations", () -> TestDatabase.number(
                "select count(*) from whatsapp.conversation where channel_id = ?", channelId) == 21);
        assertEquals(20, TestDatabase.number("select count(*) from whatsapp.conversation where channel_id = ?"
                + " and customer_key = any(string_to_array(?, ','))", channelId, String.join(",", others)));
        long refused = conversationOf(refusedWamid);
        JsonObject conversation = listed(refused);
        assertEquals("Drama Number", conversation.getString("contactName"));
        assertEquals("+447700900999", conversation.getString("phone"), "the chat shows the number the CRM refused");
        JsonObject contact = admin().get("/api/crm/contacts/" + conversation.getJsonNumber("contactId").longValue()).json();
        assertEquals("Drama", contact.getString("firstName"), "WhatsApp's one name is the CRM's first and last name");
        assertEquals("Number", contact.getString("lastName"));
        assertTrue(!contact.containsKey("phone") || contact.isNull("phone"), "the contact was created without the number");
        assertEquals(0, TestDatabase.number("select count(*) from whatsapp.webhook_event where channel_id = ?"
                + " and (processed_at is null or attempts > 0)", channelId), "every event processed at the first attempt");
    }

    @Test
    void aJapaneseProfileNameIsFamilyNameFirstAndEachReaderSeesTheirLanguagesOrder() throws Exception {
        JsonObject channel = channel(newUser());
        String wamid = Webhooks.newWamid();
        String customer = uniqueNumber();
        deliverFrom(channel, customer, "山田 花子", Webhooks.textMessage(customer, wamid, "こんにちは"));
        eventually("the conversation", () -> TestDatabase.number("select count(*) from whatsapp.message where wamid = ?",
                wamid) == 1);
        long conversation = conversationOf(wamid);
        JsonObject contact = admin().get("/api/crm/contacts/" + listed(conversation).getJsonNumber("contactId").longValue())
                .json();
        assertEquals("花子", contact.getString("firstName"));
        assertEquals("山田", contact.getString("lastName"), "a name in Japanese script starts with the family name");

        String path = "/api/whatsapp/conversations/" + conversation;
        assertEquals("山田 花子", admin().getWith(path, "Cookie", "crm-lang=ja").json().getString("contactName"));
        assertEquals("花子 山田", admin().getWith(path, "Cookie", "crm-lang=en").json().getString("contactName"));
    }

    @Test
    void longNamesLongIdsAndAnyCharactersArrive() throws Exception {
        JsonObject channel = channel(newUser());
        String name = "山田 🙂 שלום مرحبا\u0007 ".repeat(20) + "Ω".repeat(60);
        assertTrue(name.codePointCount(0, name.length()) >= 300);
        String longId = "1234567890123456789012345";
        String wamid = Webhooks.newWamid();
        String text = "注文 #42 🙂 \u202Eabc\u202C and a NUL \u0000 inside, \"quoted\" {a,b} back\\slash \\\" NULL";
        deliverFrom(channel, longId, name, Webhooks.textMessage(longId, wamid, text));

        eventually("the message", () -> TestDatabase.number("select count(*) from whatsapp.message where wamid = ?", wamid) == 1);
        assertEquals(List.of(text.replace('\u0000', '\uFFFD')),
                TestDatabase.strings("select text from whatsapp.message where wamid = ?", wamid));
        long conversationId = conversationOf(wamid);
        assertEquals(List.of(longId), TestDatabase.strings("select customer_key from whatsapp.conversation where id = ?",
                conversationId));
        String stored = TestDatabase.strings("select customer_name from whatsapp.conversation where id = ?", conversationId).get(0);
        assertEquals(200, stored.codePointCount(0, stored.length()));
        assertTrue(stored.endsWith("…") && name.startsWith(stored.substring(0, stored.length() - 1)), stored);
        JsonObject conversation = listed(conversationId);
        JsonObject contact = admin().get("/api/crm/contacts/" + conversation.getJsonNumber("contactId").longValue()).json();
        assertEquals("山田", contact.getString("lastName"), "a name that starts in Han script starts with the family name");
        String firstName = contact.getString("firstName");
        assertEquals(100, firstName.codePointCount(0, firstName.length()));
        assertTrue(firstName.endsWith("…") && name.substring(3).startsWith(firstName.substring(0, firstName.length() - 1)),
                "the contact has the beginning of the rest of the name: " + firstName);
        assertEquals(firstName + " 山田", conversation.getString("contactName"));
        assertEquals("+" + longId, conversation.getString("phone"));
    }

    private static String spoil(String name) {
        TestDatabase.update("insert into " + SilentlyRollingBackHost.TABLE + " (name) values (?) returning 1", name);
        return name;
    }

    /** A new customer whose name the host spoils writes; answers the message's wamid. */
    private String spoiledCustomerWrites(JsonObject channel, String customer, String spoiledName) {
        String wamid = Webhooks.newWamid();
        deliverFrom(channel, customer, spoiledName, Webhooks.textMessage(customer, wamid, "lost?"));
        return wamid;
    }

    private long parkedCountInHealth() {
        Answer health = ApiClient.anonymous(base).get("/health");
        JsonValue count = health.json().getJsonArray("checks").stream().map(JsonValue::asJsonObject)
                .filter(check -> check.getString("name").equals("whatsapp-inbound")).findFirst().orElseThrow()
                .getJsonObject("data").get("parkedEvents");
        // Payara writes the numbers of health data as JSON strings.
        return Long.parseLong(count instanceof jakarta.json.JsonString text ? text.getString() : count.toString());
    }

    @Test
    void aRollbackWithoutAnErrorIsCountedParkedListedAndRetried() throws Exception {
        JsonObject channel = channel(newUser());
        String name = spoil("Spoiled " + UUID.randomUUID().toString().substring(0, 8));
        String customer = uniqueNumber();
        String wamid = spoiledCustomerWrites(channel, customer, name);
        String other = Webhooks.newWamid();
        deliver(channel, Json.createArrayBuilder().add(Webhooks.textMessage(uniqueNumber(), other, "not held back")),
                Json.createArrayBuilder());

        eventually("the other customer's message", () -> TestDatabase.number(
                "select count(*) from whatsapp.message where wamid = ?", other) == 1);
        eventually("the spoiled event parked after five attempts", () -> TestDatabase.number(
                "select count(*) from whatsapp.webhook_event where wamid = ? and parked_at is not null and attempts = 5",
                wamid) == 1);
        long event = TestDatabase.number("select id from whatsapp.webhook_event where wamid = ?", wamid);
        assertEquals(0, TestDatabase.number("select count(*) from whatsapp.message where wamid = ?", wamid));

        assertEquals(TestDatabase.number("select count(*) from whatsapp.webhook_event where parked_at is not null"
                + " and dismissed_at is null"), parkedCountInHealth(), "/health counts the parked events");
        assertTrue(parkedCountInHealth() >= 1);
        String metrics = admin().getAccepting("/metrics?scope=application", "text/plain").body();
        assertTrue(metrics.contains("whatsapp_inbound_parked_events"), metrics);

        JsonObject problem = admin().get("/api/whatsapp/delivery-problems?limit=200").json().getJsonArray("items").stream()
                .map(JsonValue::asJsonObject).filter(p -> p.getJsonNumber("id").longValue() == event).findFirst().orElseThrow();
        assertEquals("+" + customer, problem.getString("customer"));
        assertEquals(5, problem.getInt("attempts"));
        assertTrue(problem.getString("reason").contains("rolled back"), problem.getString("reason"));
        assertEquals(channel.getString("displayPhoneNumber"), problem.getString("phoneNumber"));
        assertEquals(404, Organisations.outsider(base).post("/api/whatsapp/delivery-problems/" + event + "/retry",
                JsonValue.EMPTY_JSON_OBJECT).status(), "another organisation's administrator cannot reach it");

        TestDatabase.update("delete from " + SilentlyRollingBackHost.TABLE + " where name = ? returning 1", name);
        Answer retried = admin().post("/api/whatsapp/delivery-problems/" + event + "/retry", JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(204, retried.status(), retried.body());
        eventually("the retried message", () -> TestDatabase.number(
                "select count(*) from whatsapp.message where wamid = ?", wamid) == 1);
        assertTrue(admin().get("/api/whatsapp/delivery-problems?limit=200").json().getJsonArray("items").stream()
                .map(JsonValue::asJsonObject).noneMatch(p -> p.getJsonNumber("id").longValue() == event));
    }

    @Test
    void aDismissedProblemLeavesTheListAndTheCount() throws Exception {
        JsonObject channel = channel(newUser());
        String wamid = spoiledCustomerWrites(channel, uniqueNumber(),
                spoil("Dismissed " + UUID.randomUUID().toString().substring(0, 8)));
        eventually("parked", () -> TestDatabase.number(
                "select count(*) from whatsapp.webhook_event where wamid = ? and parked_at is not null", wamid) == 1);
        long event = TestDatabase.number("select id from whatsapp.webhook_event where wamid = ?", wamid);
        long before = parkedCountInHealth();

        assertEquals(403, ApiClient.as(base, agent(), "agent-password")
                .post("/api/whatsapp/delivery-problems/" + event + "/dismiss", JsonValue.EMPTY_JSON_OBJECT).status(),
                "agents do not manage delivery problems");
        assertEquals(204, admin().post("/api/whatsapp/delivery-problems/" + event + "/dismiss", JsonValue.EMPTY_JSON_OBJECT).status());
        assertEquals(before - 1, parkedCountInHealth());
        assertEquals(404, admin().post("/api/whatsapp/delivery-problems/" + event + "/retry", JsonValue.EMPTY_JSON_OBJECT).status());
    }

    // ---- media ----

    private void fault(String path, int status, int errorCode, int count) {
        ApiClient.sandbox(base).post("/sandbox/api/faults", Json.createObjectBuilder().add("path", path).add("status", status)
                .add("errorCode", errorCode).add("count", count).build());
    }

    private String customerSendsImage(JsonObject channel, String customer) {
        Answer sent = ApiClient.sandbox(base).post("/sandbox/api/customers/" + customer + "/messages", Json.createObjectBuilder()
                .add("phoneNumberId", channel.getString("phoneNumberId")).add("type", "image").add("caption", "the broken part").build());
        assertEquals(200, sent.status(), sent.body());
        return sent.json().getJsonArray("wamids").getString(0);
    }

    /** The media answer of a document the customer sent with this content, claimed type and name. */
    private Answer customerDocument(JsonObject channel, String claimedType, String fileName, byte[] content) throws Exception {
        Answer sent = ApiClient.sandbox(base).post("/sandbox/api/customers/" + uniqueNumber() + "/messages",
                Json.createObjectBuilder().add("phoneNumberId", channel.getString("phoneNumberId")).add("type", "document")
                        .add("mimeType", claimedType).add("fileName", fileName)
                        .add("contentBase64", java.util.Base64.getEncoder().encodeToString(content)).build());
        assertEquals(200, sent.status(), sent.body());
        String wamid = sent.json().getJsonArray("wamids").getString(0);
        eventually("the download", () -> TestDatabase.strings("select f.state from whatsapp.media_file f join whatsapp.message m"
                + " on m.id = f.message_id where m.wamid = ?", wamid).equals(List.of("DOWNLOADED")));
        long conversation = conversationOf(wamid);
        String url = admin().get("/api/whatsapp/conversations/" + conversation + "/messages").structure().asJsonArray()
                .getJsonObject(0).getJsonObject("attachment").getString("url");
        return admin().getAccepting(url, "*/*");
    }

    @Test
    void customerFilesNeverRunAsPagesOfTheCrm() throws Exception {
        JsonObject channel = channel(adminId());
        byte[] page = "<html><script>fetch('/api/crm/session')</script></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (Answer file : List.of(customerDocument(channel, "text/html", "invoice.html", page),
                customerDocument(channel, "image/svg+xml", "logo.svg", svg),
                customerDocument(channel, "application/pdf", "not-really.pdf", page))) {
            assertEquals(200, file.status());
            assertEquals("application/octet-stream", file.contentType(), "whatever the phone claimed");
            assertTrue(file.header("Content-Disposition").startsWith("attachment;"), file.header("Content-Disposition"));
            assertEquals("nosniff", file.header("X-Content-Type-Options"));
            assertEquals("sandbox; default-src 'none'", file.header("Content-Security-Policy"));
        }

        Answer pdf = customerDocument(channel, "application/octet-stream", "見積書.pdf", "%PDF-1.4 quote".getBytes(
                java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("application/pdf", pdf.contentType(), "a real PDF is shown with the type its content proves");
        assertEquals("inline; filename=\"___.pdf\"; filename*=UTF-8''%E8%A6%8B%E7%A9%8D%E6%9B%B8.pdf",
                pdf.header("Content-Disposition"));
        assertEquals("sandbox; default-src 'none'", pdf.header("Content-Security-Policy"));
    }

    @Test
    void mediaIsDownloadedApartFromItsMessageWithAFreshUrlWhenOneExpired() throws Exception {
        JsonObject channel = channel(adminId());
        fault("/media/", 404, 0, 1);
        String wamid = customerSendsImage(channel, uniqueNumber());
        eventually("the download", () -> TestDatabase.strings("select f.state from whatsapp.media_file f join whatsapp.message m"
                + " on m.id = f.message_id where m.wamid = ?", wamid).equals(List.of("DOWNLOADED")));
        ApiClient.sandbox(base).delete("/sandbox/api/faults");

        long conversation = conversationOf(wamid);
        JsonObject image = admin().get("/api/whatsapp/conversations/" + conversation + "/messages").structure().asJsonArray()
                .getJsonObject(0);
        assertEquals("image", image.getString("type"));
        assertEquals("the broken part", image.getString("text"));
        JsonObject attachment = image.getJsonObject("attachment");
        assertEquals("DOWNLOADED", attachment.getString("state"));
        byte[] bytes = ApiClient.as(base, "admin", EmbeddedDatabaseSession.ADMIN_PASSWORD)
                .download(base.toString().replaceAll("/$", "") + attachment.getString("url"), "Basic "
                        + java.util.Base64.getEncoder().encodeToString(("admin:" + EmbeddedDatabaseSession.ADMIN_PASSWORD)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        assertEquals(0xFF, bytes[0] & 0xFF, "a JPEG, as the customer sent it");
        assertEquals(0xD8, bytes[1] & 0xFF);
    }

    @Test
    void aFailedDownloadKeepsTheMessageAndCanBeRetried() throws Exception {
        JsonObject channel = channel(adminId());
        fault("v24.0/media", 500, 131000, 10_000);
        String wamid = customerSendsImage(channel, uniqueNumber());
        eventually("the message", () -> TestDatabase.number("select count(*) from whatsapp.message where wamid = ?", wamid) == 1);
        eventually("the download given up", () -> TestDatabase.strings("select f.state from whatsapp.media_file f"
                + " join whatsapp.message m on m.id = f.message_id where m.wamid = ?", wamid).equals(List.of("FAILED")));
        long message = TestDatabase.number("select id from whatsapp.message where wamid = ?", wamid);
        long conversation = conversationOf(wamid);
        assertEquals("FAILED", admin().get("/api/whatsapp/conversations/" + conversation + "/messages").structure().asJsonArray()
                .getJsonObject(0).getJsonObject("attachment").getString("state"));

        ApiClient.sandbox(base).delete("/sandbox/api/faults");
        Thread.sleep(2_500);
        Answer retried = admin().post("/api/whatsapp/conversations/" + conversation + "/messages/" + message + "/media/retry",
                JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(202, retried.status(), retried.body());
        eventually("the retried download", () -> TestDatabase.strings("select state from whatsapp.media_file where message_id = ?",
                message).equals(List.of("DOWNLOADED")));
    }

    // ---- the conversations API ----

    private long adminId() {
        return Organisations.administratorId(base);
    }

    private String customerWrites(JsonObject channel, String customer, String text, long epochSecond) throws Exception {
        String wamid = Webhooks.newWamid();
        deliver(channel, Json.createArrayBuilder().add(Json.createObjectBuilder(Webhooks.textMessage(customer, wamid, text))
                .add("timestamp", Long.toString(epochSecond)).build()), Json.createArrayBuilder());
        eventually("message " + text, () -> TestDatabase.number("select count(*) from whatsapp.message where wamid = ?", wamid) == 1);
        return wamid;
    }

    private static List<String> previews(JsonObject page) {
        return page.getJsonArray("items").stream().map(v -> v.asJsonObject().getString("lastMessagePreview")).toList();
    }

    @Test
    void conversationsAreListedNewestFirstFilteredPagedAndMarkedRead() throws Exception {
        JsonObject channel = channel(adminId());
        long now = Instant.now().getEpochSecond();
        customerWrites(channel, uniqueNumber(), "first customer", now - 30);
        customerWrites(channel, uniqueNumber(), "second customer asks about size M", now - 20);
        String latest = customerWrites(channel, uniqueNumber(), "third customer", now - 10);
        String list = "/api/whatsapp/conversations?channelId=" + channel.getInt("id");

        JsonObject firstPage = admin().get(list + "&limit=2").json();
        assertEquals(List.of("third customer", "second customer asks about size M"), previews(firstPage));
        JsonObject secondPage = admin().get(list + "&limit=2&cursor=" + firstPage.getString("nextCursor")).json();
        assertEquals(List.of("first customer"), previews(secondPage));
        assertEquals(List.of("second customer asks about size M"), previews(admin().get(list + "&q=SIZE%20m").json()));
        assertEquals(3, admin().get(list + "&view=MINE").json().getJsonArray("items").size(), "dealt to the only assignee");

        long unreadBefore = admin().get("/api/whatsapp/unread-count").json().getJsonNumber("count").longValue();
        long third = firstPage.getJsonArray("items").getJsonObject(0).getJsonNumber("id").longValue();
        JsonObject read = admin().post("/api/whatsapp/conversations/" + third + "/read", JsonValue.EMPTY_JSON_OBJECT).json();
        assertEquals(0, read.getInt("unreadCount"));
        assertEquals(unreadBefore - 1, admin().get("/api/whatsapp/unread-count").json().getJsonNumber("count").longValue());
        assertEquals(List.of("second customer asks about size M", "first customer"), previews(admin().get(list + "&unread=true").json()));
        assertTrue(ApiClient.sandbox(base).get("/sandbox/api/read-receipts").structure().asJsonArray().stream()
                .anyMatch(v -> v.toString().contains(latest)), "WhatsApp was told the message was read");

        assertEquals(1, admin().post("/api/whatsapp/conversations/" + third + "/unread", JsonValue.EMPTY_JSON_OBJECT)
                .json().getInt("unreadCount"));
        assertEquals(400, admin().get(list + "&cursor=forged").status());
        assertEquals(400, admin().get(list + "&view=EVERYTHING").status());
    }

    private ApiClient userWithLevel(String level) {
        String profileName = "Level " + UUID.randomUUID().toString().substring(0, 6);
        long profile = admin().post("/api/crm/profiles", Json.createObjectBuilder().add("name", profileName).build()).id();
        if (level != null) {
            Answer granted = admin().put("/api/whatsapp/permissions/" + profile, Json.createObjectBuilder().add("level", level).build());
            assertEquals(200, granted.status(), granted.body());
        }
        String username = "u" + UUID.randomUUID().toString().substring(0, 8);
        admin().post("/api/crm/users", Json.createObjectBuilder().add("username", username).add("name", username)
                .add("profileId", profile).add("password", "level-password").build());
        return ApiClient.as(base, username, "level-password");
    }

    @Test
    void administratorsGrantLevelsPerProfile() {
        JsonValue listed = admin().get("/api/whatsapp/permissions").structure();
        JsonObject administrators = listed.asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(p -> p.getBoolean("administrator")).findFirst().orElseThrow();
        assertEquals("VIEW_AND_REPLY", administrators.getString("level"));
        Answer adminProfile = admin().put("/api/whatsapp/permissions/" + administrators.getJsonNumber("profileId"),
                Json.createObjectBuilder().add("level", "NONE").build());
        assertEquals(400, adminProfile.status(), "administrators always keep full access");

        long profile = admin().post("/api/crm/profiles", Json.createObjectBuilder()
                .add("name", "Support " + UUID.randomUUID().toString().substring(0, 6)).build()).id();
        assertEquals(400, admin().put("/api/whatsapp/permissions/" + profile, Json.createObjectBuilder().add("level", "ALL").build())
                .status());
        assertEquals("VIEW_ONLY", admin().put("/api/whatsapp/permissions/" + profile, Json.createObjectBuilder()
                .add("level", "VIEW_ONLY").build()).json().getString("level"));
        assertTrue(admin().get("/api/whatsapp/permissions").structure().asJsonArray().stream().map(JsonValue::asJsonObject)
                .anyMatch(p -> p.getJsonNumber("profileId").longValue() == profile && p.getString("level").equals("VIEW_ONLY")));

        assertEquals(404, outsider().put("/api/whatsapp/permissions/" + profile, Json.createObjectBuilder()
                .add("level", "VIEW_AND_REPLY").build()).status(), "another organisation's profile is unknown");
        assertEquals(403, userWithLevel("VIEW_AND_REPLY").get("/api/whatsapp/permissions").status(),
                "only administrators manage permissions");
    }

    @Test
    void administratorsManageQuickRepliesThatRepliersRead() {
        String shortcut = "/hours" + UUID.randomUUID().toString().substring(0, 4);
        Answer created = admin().post("/api/whatsapp/quick-replies", Json.createObjectBuilder().add("shortcut", shortcut)
                .add("text", "Hi #Contacts.First Name#, we are open 9:00-18:00.").build());
        assertEquals(201, created.status(), created.body());
        long id = created.id();
        assertEquals(400, admin().post("/api/whatsapp/quick-replies", Json.createObjectBuilder().add("shortcut", shortcut)
                .add("text", "again").build()).status(), "a shortcut is used once");
        Answer badField = admin().post("/api/whatsapp/quick-replies", Json.createObjectBuilder().add("shortcut", "/x" + id)
                .add("text", "Dear #Contacts.Shoe Size#").build());
        assertEquals("text", badField.json().getString("field"));
        assertEquals("shortcut", admin().post("/api/whatsapp/quick-replies", Json.createObjectBuilder()
                .add("shortcut", "no slash").add("text", "x").build()).json().getString("field"));

        ApiClient replier = userWithLevel("VIEW_AND_REPLY");
        assertTrue(replier.get("/api/whatsapp/quick-replies").structure().asJsonArray().stream()
                .anyMatch(q -> q.asJsonObject().getString("shortcut").equals(shortcut)));
        assertEquals(403, replier.post("/api/whatsapp/quick-replies", Json.createObjectBuilder().add("shortcut", "/mine")
                .add("text", "x").build()).status(), "only administrators manage quick replies");
        assertEquals(403, userWithLevel("VIEW_ONLY").get("/api/whatsapp/quick-replies").status());
        assertEquals(404, outsider().put("/api/whatsapp/quick-replies/" + id, Json.createObjectBuilder().add("shortcut", "/x")
                .add("text", "stolen").build()).status());

        assertEquals(200, admin().put("/api/whatsapp/quick-replies/" + id, Json.createObjectBuilder().add("shortcut", shortcut)
                .add("text", "We are open 10:00-19:00.").build()).status());
        assertEquals(204, admin().delete("/api/whatsapp/quick-replies/" + id).status());
        assertTrue(admin().get("/api/whatsapp/quick-replies").structure().asJsonArray().stream()
                .noneMatch(q -> q.asJsonObject().getString("shortcut").equals(shortcut)));
    }

    @Test
    void everyEndpointChecksTheCallersLevelAndOrganisation() throws Exception {
        JsonObject channel = channel(adminId());
        String customer = uniqueNumber();
        String inbound = customerWrites(channel, customer, "private question", Instant.now().getEpochSecond());
        long conversation = conversationOf(inbound);
        long organisation = TestDatabase.number("select organisation_id from whatsapp.conversation where id = ?", conversation);
        TestDatabase.update("insert into whatsapp.message (organisation_id, conversation_id, direction, type, text, status,"
                + " sent_at, created_at) values (?, ?, 'OUT', 'text', 'our answer', 'SENT', now(), now())", organisation, conversation);
        String one = "/api/whatsapp/conversations/" + conversation;
        JsonObject assignToAdmin = Json.createObjectBuilder().add("ownerId", adminId()).build();

        ApiClient anonymous = ApiClient.anonymous(base);
        assertEquals(401, anonymous.get("/api/whatsapp/conversations").status());
        assertEquals(401, anonymous.get(one + "/messages").status());

        ApiClient noLevel = userWithLevel(null);
        for (String path : List.of("/api/whatsapp/conversations", one, one + "/messages", "/api/whatsapp/unread-count")) {
            Answer refused = noLevel.get(path);
            assertEquals(403, refused.status(), path);
            assertEquals("FORBIDDEN", refused.code());
        }
        assertEquals(403, noLevel.post(one + "/read", JsonValue.EMPTY_JSON_OBJECT).status());

        ApiClient viewOnly = userWithLevel("VIEW_ONLY");
        assertEquals(200, viewOnly.get(one).status());
        assertEquals(List.of("IN"), viewOnly.get(one + "/messages").structure().asJsonArray().stream()
                .map(m -> m.asJsonObject().getString("direction")).toList(), "view-only users see incoming messages only");
        assertEquals(403, viewOnly.patch(one, assignToAdmin).status(), "view-only users cannot assign");

        ApiClient replier = userWithLevel("VIEW_AND_REPLY");
        assertEquals(List.of("IN", "OUT"), replier.get(one + "/messages").structure().asJsonArray().stream()
                .map(m -> m.asJsonObject().getString("direction")).toList());
        assertEquals(200, replier.patch(one, assignToAdmin).status());
        assertEquals(400, replier.patch(one, Json.createObjectBuilder().add("ownerId", 999999999).build()).status());
        assertEquals(200, admin().get(one).status());

        ApiClient outsider = outsider();
        assertEquals(404, outsider.get(one).status());
        assertEquals(404, outsider.get(one + "/messages").status());
        assertEquals(404, outsider.post(one + "/read", JsonValue.EMPTY_JSON_OBJECT).status());
        assertTrue(outsider.get("/api/whatsapp/conversations").json().getJsonArray("items").stream()
                .noneMatch(c -> c.asJsonObject().getJsonNumber("id").longValue() == conversation));
    }

    /** Collects the names of the server-sent events a user receives, on a thread of its own. */
    private static final class EventListener implements AutoCloseable {
        private final List<String> events = Collections.synchronizedList(new ArrayList<>());
        private final Thread reader;
        private volatile java.io.InputStream stream;

        EventListener(URL base, String username, String password) throws Exception {
            var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base.toString().replaceAll("/$", "")
                            + "/api/whatsapp/events"))
                    .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString(
                            (username + ":" + password).getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                    .header("Accept", "text/event-stream").GET().build();
            var response = java.net.http.HttpClient.newHttpClient().send(request,
                    java.net.http.HttpResponse.BodyHandlers.ofInputStream());
            stream = response.body();
            reader = new Thread(() -> {
                try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(stream, java.nio.charset.StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        if (line.startsWith("event:")) {
                            events.add(line.substring(6).trim());
                        }
                    }
                } catch (java.io.IOException closed) {
                    // the test closed the stream
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        List<String> received() {
            return List.copyOf(events);
        }

        /** Whether the server ended the stream. */
        boolean ended() {
            return !reader.isAlive();
        }

        @Override
        public void close() throws Exception {
            stream.close();
        }
    }

    @Test
    void viewOnlyUsersSeeOnlyWhatCustomersWroteAndSendNoReadReceipts() throws Exception {
        JsonObject channel = channel(adminId());
        ApiClient viewOnly = userWithLevel("VIEW_ONLY");
        String question = "Is the blue one in stock " + UUID.randomUUID() + "?";
        String inbound = customerWrites(channel, uniqueNumber(), question, Instant.now().getEpochSecond());
        long conversation = conversationOf(inbound);
        String answer = "Two left in blue " + UUID.randomUUID();
        assertEquals(202, admin().post("/api/whatsapp/conversations/" + conversation + "/messages",
                Json.createObjectBuilder().add("text", answer).build()).status());
        eventually("the answer in the list", () -> admin().get("/api/whatsapp/conversations/" + conversation).json()
                .getString("lastMessagePreview").equals(answer));

        assertEquals(question, viewOnly.get("/api/whatsapp/conversations/" + conversation).json().getString("lastMessagePreview"),
                "the list shows a view-only user what the customer wrote, not the answer");
        assertEquals(0, viewOnly.get("/api/whatsapp/conversations?q=" + answer.replace(" ", "%20")).json()
                .getJsonArray("items").size(), "nor finds the chat by the answer's words");
        assertEquals(1, admin().get("/api/whatsapp/conversations?q=" + answer.replace(" ", "%20")).json()
                .getJsonArray("items").size());
        // The customer's own words, whole: a few characters of the random part could be digits found in other numbers.
        assertEquals(1, viewOnly.get("/api/whatsapp/conversations?q=" + question.substring(0, question.length() - 1)
                .replace(" ", "%20")).json().getJsonArray("items").size());

        assertEquals(200, viewOnly.post("/api/whatsapp/conversations/" + conversation + "/read", JsonValue.EMPTY_JSON_OBJECT).status());
        assertEquals(0, TestDatabase.number("select unread_count from whatsapp.conversation where id = ?", conversation));
        assertFalse(readReceipts().contains(inbound), "a view-only user's reading tells the customer nothing");

        admin().post("/api/whatsapp/conversations/" + conversation + "/unread", JsonValue.EMPTY_JSON_OBJECT);
        admin().post("/api/whatsapp/conversations/" + conversation + "/read", JsonValue.EMPTY_JSON_OBJECT);
        eventually("the agent's read receipt", () -> readReceipts().contains(inbound));
    }

    private List<String> readReceipts() {
        return ApiClient.sandbox(base).get("/sandbox/api/read-receipts").structure().asJsonArray().stream()
                .map(v -> ((jakarta.json.JsonString) v).getString()).toList();
    }

    @Test
    void screensGetUsersWithTheirLevelAndAPipelineRecordsChatsFromThePlugin() throws Exception {
        long agent = newUser();
        JsonObject channel = channel(agent);
        String wamid = customerWrites(channel, uniqueNumber(), "about the offer", Instant.now().getEpochSecond());
        long conversation = conversationOf(wamid);
        long contact = TestDatabase.number("select contact_id from whatsapp.conversation where id = ?", conversation);

        Map<Long, String> levels = admin().get("/api/whatsapp/users").structure().asJsonArray().stream()
                .map(JsonValue::asJsonObject).collect(Collectors.toMap(u -> u.getJsonNumber("id").longValue(),
                        u -> u.getString("level")));
        assertEquals("NONE", levels.get(agent), "a Standard user would not see the chats dealt to them");
        assertEquals("VIEW_AND_REPLY", levels.get(adminId()));

        String stage = admin().get("/api/crm/pipelines/stages").structure().asJsonArray().getString(0);
        long record = admin().post("/api/crm/pipelines", Json.createObjectBuilder().add("name", "Offer").add("stage", stage)
                .add("contactId", contact).build()).id();
        long withoutContact = admin().post("/api/crm/pipelines", Json.createObjectBuilder().add("name", "Loose").add("stage", stage)
                .build()).id();
        assertEquals(List.of(conversation), admin().get("/api/whatsapp/conversations?pipelineRecordId=" + record).json()
                .getJsonArray("items").stream().map(c -> c.asJsonObject().getJsonNumber("id").longValue()).toList());
        assertEquals(0, admin().get("/api/whatsapp/conversations?pipelineRecordId=" + withoutContact).json()
                .getJsonArray("items").size());
        assertEquals(0, outsider().get("/api/whatsapp/conversations?pipelineRecordId=" + record).json()
                .getJsonArray("items").size(), "another organisation's record shows nothing");
    }

    @Test
    void aConversationIsFoundByTheCustomersNumberHoweverItIsWritten() throws Exception {
        JsonObject channel = channel(adminId());
        String customer = uniqueNumber();
        String wamid = customerWrites(channel, customer, "call me back", Instant.now().getEpochSecond());
        long conversation = conversationOf(wamid);
        String spaced = "+" + customer.substring(0, 2) + " " + customer.substring(2, 4) + "-" + customer.substring(4, 8) + "-"
                + customer.substring(8);
        for (String written : List.of(customer, "+" + customer, spaced, customer.substring(4))) {
            List<Long> found = admin().get("/api/whatsapp/conversations?limit=200&q="
                            + java.net.URLEncoder.encode(written, java.nio.charset.StandardCharsets.UTF_8)).json()
                    .getJsonArray("items").stream().map(c -> c.asJsonObject().getJsonNumber("id").longValue()).toList();
            assertTrue(found.contains(conversation), written + " finds the chat");
        }
    }

    @Test
    void theLiveStreamOfAUserWhoLostAccessCloses() throws Exception {
        long profile = admin().post("/api/crm/profiles", Json.createObjectBuilder()
                .add("name", "Demoted " + UUID.randomUUID().toString().substring(0, 6)).build()).id();
        admin().put("/api/whatsapp/permissions/" + profile, Json.createObjectBuilder().add("level", "VIEW_ONLY").build());
        String username = "d" + UUID.randomUUID().toString().substring(0, 8);
        admin().post("/api/crm/users", Json.createObjectBuilder().add("username", username).add("name", username)
                .add("profileId", profile).add("password", "demoted-password").build());
        try (EventListener listener = new EventListener(base, username, "demoted-password")) {
            eventually("listening", () -> listener.received().contains("ready"));
            assertFalse(listener.ended());
            Answer demoted = admin().put("/api/whatsapp/permissions/" + profile, Json.createObjectBuilder().add("level", "NONE").build());
            assertEquals(200, demoted.status(), demoted.body());
            eventually("the stream closed", listener::ended);
        }
    }

    @Test
    void liveEventsReachOnlyUsersWhoMaySeeThem() throws Exception {
        JsonObject channel = channel(adminId());
        ApiClient viewOnly = userWithLevel("VIEW_ONLY");
        String viewOnlyName = viewOnly.get("/api/crm/session").json().getJsonObject("user").getString("username");
        String outsiderName = outsider().get("/api/crm/session").json().getJsonObject("user").getString("username");
        try (EventListener full = new EventListener(base, "admin", EmbeddedDatabaseSession.ADMIN_PASSWORD);
             EventListener viewer = new EventListener(base, viewOnlyName, "level-password");
             EventListener stranger = new EventListener(base, outsiderName, EmbeddedDatabaseSession.ADMIN_PASSWORD)) {
            eventually("all listening", () -> full.received().contains("ready") && viewer.received().contains("ready")
                    && stranger.received().contains("ready"));

            String customer = uniqueNumber();
            String inbound = customerWrites(channel, customer, "live event please", Instant.now().getEpochSecond());
            eventually("the message event", () -> full.received().contains("message") && viewer.received().contains("message"));

            long conversation = conversationOf(inbound);
            long organisation = TestDatabase.number("select organisation_id from whatsapp.conversation where id = ?", conversation);
            String outbound = Webhooks.newWamid();
            TestDatabase.update("insert into whatsapp.message (organisation_id, conversation_id, direction, type, wamid, text, status,"
                    + " sent_at, created_at) values (?, ?, 'OUT', 'text', ?, 'answer', 'QUEUED', now(), now())",
                    organisation, conversation, outbound);
            deliver(channel, Json.createArrayBuilder(), Json.createArrayBuilder().add(Webhooks.status(outbound, "delivered")));
            eventually("the status event", () -> full.received().contains("status"));
            // A later inbound message, which everyone allowed hears: by then the status would have reached them too.
            customerWrites(channel, customer, "one more thing", Instant.now().getEpochSecond());
            eventually("the later message event", () -> viewer.received().stream().filter("message"::equals).count() == 2);

            assertEquals(List.of("ready"), stranger.received(), "another organisation hears nothing");
            assertTrue(!viewer.received().contains("status"), "view-only users hear nothing of outbound messages");
        }
        assertEquals(403, userWithLevel(null).getAccepting("/api/whatsapp/events", "text/event-stream").status(),
                "no level, no events");
    }

    private ApiClient outsider() {
        return Organisations.outsider(base);
    }
}
