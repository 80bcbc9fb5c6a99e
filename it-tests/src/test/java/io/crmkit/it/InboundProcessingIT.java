package io.crmkit.it;

import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.ApiClient.Answer;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.EmbeddedDatabaseSession;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.time.Instant;
import java.util.ArrayList;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the stored webhook events become: contacts, owners, conversations, messages and statuses. */
@ExtendWith(ArquillianExtension.class)
class InboundProcessingIT {

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application();
    }

    private ApiClient admin() {
        return ApiClient.as(base, "admin", EmbeddedDatabaseSession.ADMIN_PASSWORD);
    }

    private long newUser() {
        long standard = admin().get("/api/crm/profiles").structure().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(p -> p.getString("name").equals("Standard")).findFirst().orElseThrow().getJsonNumber("id").longValue();
        String username = "agent" + UUID.randomUUID().toString().substring(0, 8);
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
        for (int i = 0; i < 200; i++) {
            if (condition.getAsBoolean()) {
                return;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("not within 10 s: " + what);
    }

    private static String uniqueNumber() {
        return "8190" + (10_000_000 + Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 89_999_999L));
    }

    @Test
    void newNumbersBecomeContactsDealtExactlyFairlyEvenWhenTheyArriveTogether() throws Exception {
        long first = newUser();
        long second = newUser();
        long third = newUser();
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

        Answer played = ApiClient.anonymous(base).post("/sandbox/api/customers/" + customer + "/messages", Json.createObjectBuilder()
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
        long conversation = TestDatabase.number("select conversation_id from whatsapp.message where wamid = ?", text);
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

        deliver(channel, Json.createArrayBuilder().add(early), Json.createArrayBuilder());
        Thread.sleep(1_500);
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
        long conversation = TestDatabase.number("select conversation_id from whatsapp.message where wamid = ?", inbound);
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
        deliver(channel, Json.createArrayBuilder(), Json.createArrayBuilder().add(failed));
        Thread.sleep(1_500);
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
}
