package io.crmkit.it;

import io.crmkit.it.support.ApiClient.Answer;
import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.Organisations;
import io.crmkit.it.support.ReferenceHostRecords;
import io.crmkit.it.support.Seeds;
import io.crmkit.it.support.TestDatabase;
import io.crmkit.it.support.Webhooks;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.math.BigDecimal;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.crmkit.it.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Credits for paid conversations: an exact ledger under concurrency and redelivered webhooks, the month's free
 * conversations, releases, purchases through the host's (fake) payment processor and auto-recharge. Each test works in
 * an organisation of its own, so that its balance is its own. Prices are the defaults: marketing 1 credit, utility 0.5,
 * service 0.25 beyond 1,000 free conversations a month.
 */
@ExtendWith(ArquillianExtension.class)
class CreditsIT {

    @ArquillianResource
    URL base;
    @RegisterExtension
    final Seeds seeds = new Seeds();

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application();
    }

    @AfterEach
    void noFaultsLeft() {
        ApiClient.sandbox(base).delete("/sandbox/api/faults");
    }

    /** An organisation of its own with a sandbox number and an approved template of a category. */
    private record Shop(ApiClient admin, long organisationId, JsonObject channel, long templateId) {
    }

    private Shop shop(String category) throws InterruptedException {
        ApiClient admin = Organisations.outsider(base);
        JsonObject session = admin.get("/api/crm/session").json();
        long adminId = session.getJsonObject("user").getJsonNumber("id").longValue();
        long organisation = TestDatabase.number("select organisation_id from crm.user_account where id = ?", adminId);
        JsonObject channel = admin.post("/api/whatsapp/channels", Json.createObjectBuilder().add("mode", "SANDBOX")
                .add("name", "Credits " + UUID.randomUUID().toString().substring(0, 6))
                .add("assigneeIds", Json.createArrayBuilder().add(adminId)).build()).json();
        Answer template = admin.post("/api/whatsapp/templates", Json.createObjectBuilder().add("channelId", channel.getInt("id"))
                .add("name", "offer_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10)).add("language", "en_US")
                .add("category", category).add("body", "Our spring tea has arrived.").build());
        assertEquals(201, template.status(), template.body());
        eventually("the template approved", 20, () -> "APPROVED".equals(admin.get("/api/whatsapp/templates/" + template.id())
                .json().getString("status")));
        return new Shop(admin, organisation, channel, template.id());
    }

    private String number() {
        return "+" + seeds.japaneseMobile();
    }

    private static long contact(Shop shop, String phone) {
        return shop.admin().post("/api/crm/contacts", Json.createObjectBuilder().add("firstName", "Customer")
                .add("phone", phone).build()).id();
    }

    /** A new chat with a contact, opened with the shop's template. */
    private static Answer newChat(Shop shop, long contactId) {
        return shop.admin().post("/api/whatsapp/chats", Json.createObjectBuilder().add("contactId", contactId)
                .add("channelId", shop.channel().getInt("id")).add("templateId", shop.templateId()).build());
    }

    private static BigDecimal balance(Shop shop) {
        return shop.admin().get("/api/whatsapp/credits").json().getJsonNumber("balance").bigDecimalValue();
    }

    private static Answer buy(Shop shop, int credits) {
        return shop.admin().post("/api/whatsapp/credits/purchases", Json.createObjectBuilder().add("credits", credits).build());
    }

    private static long entries(Shop shop, String kind) {
        return TestDatabase.number("select count(*) from whatsapp.credit_entry where organisation_id = ? and kind = ?",
                shop.organisationId(), kind);
    }

    @Test
    void fiftyParallelTemplateSendsFromTenThreadsSpendTheBalanceExactly() throws Exception {
        Shop shop = shop("MARKETING");
        assertEquals(201, buy(shop, 30).status());
        List<String> numbers = new ArrayList<>();
        List<Long> contacts = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            numbers.add(number());
            contacts.add(contact(shop, numbers.get(i)));
        }
        ExecutorService threads = Executors.newFixedThreadPool(10);
        List<Future<Answer>> sends = new ArrayList<>();
        for (long contact : contacts) {
            sends.add(threads.submit((Callable<Answer>) () -> newChat(shop, contact)));
        }
        int sent = 0;
        int refused = 0;
        for (Future<Answer> send : sends) {
            Answer answer = send.get();
            if (answer.status() == 201) {
                sent++;
            } else {
                assertEquals(402, answer.status(), answer.body());
                assertEquals("INSUFFICIENT_CREDITS", answer.code());
                refused++;
            }
        }
        threads.shutdown();
        assertEquals(30, sent, "as many as the 30 credits pay for, at 1 credit each");
        assertEquals(20, refused);
        assertEquals(0, balance(shop).signum());
        assertEquals(30, entries(shop, "RESERVATION"));
        assertEquals(30, TestDatabase.number("select count(*) from whatsapp.message m join whatsapp.conversation c"
                + " on c.id = m.conversation_id where c.organisation_id = ?", shop.organisationId()),
                "a refused send stores nothing, not even its chat");
        // The test sandbox takes 5 messages a second: those beyond fail with Meta's 130429, and give their credit back.
        eventually("every reservation charged or released", 60,
                () -> entries(shop, "CHARGE") + entries(shop, "RELEASE") == 30);
        long delivered = TestDatabase.number("select count(*) from whatsapp.message m join whatsapp.conversation c"
                + " on c.id = m.conversation_id where c.organisation_id = ? and m.status in ('SENT', 'DELIVERED', 'READ')",
                shop.organisationId());
        assertEquals(delivered, entries(shop, "CHARGE"), "a charge for each message Meta took");
        assertEquals(30 - delivered, entries(shop, "RELEASE"), "its credit back for each message Meta refused");
        assertEquals(0, new BigDecimal(30 - delivered).compareTo(balance(shop)));
        assertEquals(0, TestDatabase.number("select count(*) from whatsapp.credit_entry where organisation_id = ?"
                + " and balance_after < 0", shop.organisationId()));
        eventually("Meta's pricing of every message it took", 20, () -> TestDatabase.number("select count(*) from"
                + " whatsapp.message m join whatsapp.conversation c on c.id = m.conversation_id where c.organisation_id = ?"
                + " and m.status <> 'FAILED' and m.meta_pricing_category is null", shop.organisationId()) == 0);
        JsonObject ledger = shop.admin().get("/api/whatsapp/credits/ledger?limit=200").json();
        assertEquals(61, ledger.getJsonArray("items").size(), "1 purchase, 30 reservations, 30 charges or releases");
        assertTrue(ledger.getJsonArray("items").stream().map(JsonValue::asJsonObject).filter(line -> "CHARGE".equals(
                line.getString("kind"))).allMatch(line -> "marketing".equals(line.getString("metaCategory"))),
                "what Meta says it billed, beside each charge");
        String csv = shop.admin().getAccepting("/api/whatsapp/credits/ledger?kind=RESERVATION", "text/csv").body();
        assertEquals(31, csv.strip().split("\n").length, "a header and the 30 reservations");
    }

    @Test
    void theThousandthFreeConversationOfTheMonthIsFreeAndTheThousandFirstIsPaid() throws Exception {
        Shop shop = shop("UTILITY");
        // 999 conversations already counted this month (the organisation is in Japan: its month began at midnight in
        // Tokyo), and 1,000 counted in the last minute of last month, which count no more.
        TestDatabase.update("insert into whatsapp.billing_window (organisation_id, conversation_id, category, state, credits,"
                + " opened_at, ends_at) select ?, 0, 'SERVICE', 'FREE', 0, now(), now() from generate_series(1, 999)",
                shop.organisationId());
        TestDatabase.update("insert into whatsapp.billing_window (organisation_id, conversation_id, category, state, credits,"
                + " opened_at, ends_at) select ?, 0, 'SERVICE', 'FREE', 0, m, m from generate_series(1, 1000),"
                + " (select (date_trunc('month', now() at time zone 'Asia/Tokyo') at time zone 'Asia/Tokyo')"
                + " - interval '1 minute' as m) last_month", shop.organisationId());
        assertEquals(1, shop.admin().get("/api/whatsapp/credits").json().getInt("freeConversationsLeftThisMonth"));

        long first = customerWrites(shop);
        long second = customerWrites(shop);
        assertEquals("FREE_CONVERSATION", shop.admin().get("/api/whatsapp/credits/quote?conversationId=" + first).json()
                .getString("kind"));
        assertEquals(202, answer(shop, first).status(), "the 1,000th is free");
        assertEquals(0, shop.admin().get("/api/whatsapp/credits").json().getInt("freeConversationsLeftThisMonth"));
        assertEquals(202, answer(shop, first).status(), "and covers the rest of its 24 hours");

        JsonObject quote = shop.admin().get("/api/whatsapp/credits/quote?conversationId=" + second).json();
        assertEquals("PRICED", quote.getString("kind"));
        assertEquals(0, new BigDecimal("0.25").compareTo(quote.getJsonNumber("credits").bigDecimalValue()));
        assertEquals(false, quote.getBoolean("affordable"));
        Answer refused = answer(shop, second);
        assertEquals(402, refused.status(), "the 1,001st is paid, and the balance is empty");
        assertEquals("INSUFFICIENT_CREDITS", refused.code());
        assertTrue(refused.json().getString("detail").contains("Settings > Messages > Credits"), refused.body());
        assertEquals(201, buy(shop, 1).status());
        assertEquals(202, answer(shop, second).status());
        assertEquals(0, new BigDecimal("0.75").compareTo(balance(shop)));
    }

    private long customerWrites(Shop shop) throws Exception {
        String customer = number().substring(1);
        String wamid = ApiClient.sandbox(base).post("/sandbox/api/customers/" + customer + "/messages", Json.createObjectBuilder()
                .add("phoneNumberId", shop.channel().getString("phoneNumberId")).add("type", "text").add("text", "Hello?")
                .build()).json().getJsonArray("wamids").getString(0);
        eventually("the message", 20, () -> TestDatabase.number("select count(*) from whatsapp.message where wamid = ?", wamid) == 1);
        return TestDatabase.number("select conversation_id from whatsapp.message where wamid = ?", wamid);
    }

    private static Answer answer(Shop shop, long conversation) {
        return shop.admin().post("/api/whatsapp/conversations/" + conversation + "/messages",
                Json.createObjectBuilder().add("text", "Thank you for writing.").build());
    }

    /** The next send to Meta gets no answer: the message waits for its status webhook. */
    private void nextSendUnanswered() {
        ApiClient.sandbox(base).post("/sandbox/api/faults", Json.createObjectBuilder().add("path", "/messages")
                .add("status", 500).add("errorCode", 0).add("delayMs", 0).add("drop", true).add("count", 1).build());
    }

    /** Posts a status of an outbound message as Meta signs it, naming our message by its reference. */
    private void status(Shop shop, long messageId, String wamid, String status) {
        String reference = TestDatabase.strings("select reference_id from whatsapp.message where id = ?", messageId).get(0);
        JsonObject entry = Json.createObjectBuilder(Webhooks.status(wamid, status)).add("biz_opaque_callback_data", reference)
                .add("pricing", Json.createObjectBuilder().add("billable", true).add("pricing_model", "PMP")
                        .add("category", "marketing").add("type", "regular")).build();
        byte[] body = Webhooks.envelope(Webhooks.entry(shop.channel().getString("wabaId"), shop.channel().getString("phoneNumberId"),
                Json.createArrayBuilder(), Json.createArrayBuilder().add(entry)));
        assertEquals(200, ApiClient.anonymous(base).postBytes("/webhooks/whatsapp", body, "X-Hub-Signature-256",
                Webhooks.signature(body)).status());
    }

    @Test
    void aStatusDeliveredThreeTimesChargesOnceAndAFailedSendGivesItsCreditsBack() throws Exception {
        Shop shop = shop("MARKETING");
        assertEquals(201, buy(shop, 2).status());

        nextSendUnanswered();
        Answer started = newChat(shop, contact(shop, number()));
        assertEquals(201, started.status(), started.body());
        long message = started.json().getJsonNumber("messageId").longValue();
        assertEquals(0, new BigDecimal("1").compareTo(balance(shop)), "reserved before anything reached Meta");
        String wamid = Webhooks.newWamid();
        for (int delivery = 0; delivery < 3; delivery++) {
            status(shop, message, wamid, "sent");
        }
        // Webhook events take effect in the order they arrived: once a later status shows, the three before it have.
        status(shop, message, wamid, "delivered");
        eventually("the later status", 20, () -> TestDatabase.strings("select status from whatsapp.message where id = ?",
                message).equals(List.of("DELIVERED")));
        assertEquals(1, entries(shop, "CHARGE"), "three deliveries of one status, one charge");
        assertEquals(0, new BigDecimal("1").compareTo(balance(shop)));
        assertEquals(List.of("marketing"), TestDatabase.strings("select meta_pricing_category from whatsapp.message where id = ?",
                message));

        nextSendUnanswered();
        Answer failing = newChat(shop, contact(shop, number()));
        long failed = failing.json().getJsonNumber("messageId").longValue();
        assertEquals(0, balance(shop).signum());
        status(shop, failed, Webhooks.newWamid(), "failed");
        eventually("released", 20, () -> entries(shop, "RELEASE") == 1);
        assertEquals(0, new BigDecimal("1").compareTo(balance(shop)), "Meta refused it: its credit is back");

        ApiClient.sandbox(base).post("/sandbox/api/faults", Json.createObjectBuilder().add("path", "/messages")
                .add("status", 400).add("errorCode", 131026).add("count", 1).build());
        Answer undeliverable = newChat(shop, contact(shop, number()));
        assertEquals(201, undeliverable.status());
        eventually("refused by Meta and released", 20, () -> entries(shop, "RELEASE") == 2);
        assertEquals(0, new BigDecimal("1").compareTo(balance(shop)));
    }

    /**
     * An organisation whose every send auto-recharge answers with a purchase of one credit: what it buys shows when
     * auto-recharge looked at it.
     */
    private Shop autoRechargeWitness() throws InterruptedException {
        Shop witness = shop("MARKETING");
        assertEquals(200, witness.admin().put("/api/whatsapp/credits/auto-recharge", Json.createObjectBuilder()
                .add("enabled", true).add("threshold", 1_000).add("amount", 1).build()).status());
        assertEquals(201, buy(witness, 5).status());
        return witness;
    }

    /**
     * Returns once auto-recharge has looked at every organisation whose send committed before this call. It looks on
     * one thread, a round at a time, at the organisations that spent since the last round: the witness's first
     * purchase shows a round that began no earlier than theirs, and its second, sent after the first showed, a round
     * that began after that one ended.
     */
    private void autoRechargeCaughtUp(Shop witness) throws InterruptedException {
        for (int round = 0; round < 2; round++) {
            long bought = entries(witness, "AUTO_RECHARGE");
            assertEquals(201, newChat(witness, contact(witness, number())).status());
            eventually("auto-recharge looking at the witness", 20, () -> entries(witness, "AUTO_RECHARGE") == bought + 1);
        }
    }

    @Test
    void autoRechargeBuysOnceAtTheThresholdAndNotAgainWhileAPurchaseIsPending() throws Exception {
        Shop witness = autoRechargeWitness();
        Shop shop = shop("MARKETING");
        assertEquals(200, shop.admin().put("/api/whatsapp/credits/auto-recharge", Json.createObjectBuilder()
                .add("enabled", true).add("threshold", 2).add("amount", 10).build()).status());
        assertEquals(201, buy(shop, 4).status());

        ExecutorService threads = Executors.newFixedThreadPool(3);
        List<Future<Answer>> sends = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            long contact = contact(shop, number());
            sends.add(threads.submit((Callable<Answer>) () -> newChat(shop, contact)));
        }
        for (Future<Answer> send : sends) {
            assertEquals(201, send.get().status());
        }
        threads.shutdown();
        eventually("recharged", 20, () -> entries(shop, "AUTO_RECHARGE") == 1);
        autoRechargeCaughtUp(witness);
        assertEquals(1, entries(shop, "AUTO_RECHARGE"), "one crossing of the threshold, one purchase");
        assertEquals(0, new BigDecimal("11").compareTo(balance(shop)), "4 - 3 + 10");

        // A purchase the processor has not answered yet: the next crossing buys nothing more.
        TestDatabase.update("insert into whatsapp.credit_top_up (organisation_id, trigger, credits, amount_usd, state,"
                + " idempotency_key, created_at) values (?, 'AUTO', 10, 20, 'PENDING', ?, now())", shop.organisationId(),
                "recharge:test:" + UUID.randomUUID());
        for (int i = 0; i < 9; i++) {
            assertEquals(201, newChat(shop, contact(shop, number())).status());
        }
        autoRechargeCaughtUp(witness);
        assertEquals(1, TestDatabase.number("select count(*) from whatsapp.credit_top_up where organisation_id = ?"
                + " and trigger = 'AUTO' and state = 'PENDING'", shop.organisationId()));
        assertEquals(1, entries(shop, "AUTO_RECHARGE"));
        assertEquals(0, new BigDecimal("2").compareTo(balance(shop)));
    }

    @Test
    void aDeclinedPaymentIsShownBuysNothingAndIsRetriedSafely() throws Exception {
        Shop shop = shop("UTILITY");
        assertEquals(200, shop.admin().put("/api/crm/payments/processor", Json.createObjectBuilder()
                .add("declinesEveryPayment", true).build()).status());
        Answer declined = buy(shop, 5);
        assertEquals(402, declined.status(), declined.body());
        assertEquals("PAYMENT_DECLINED", declined.code());
        assertTrue(declined.json().getString("detail").contains("fake payment processor"), declined.body());
        assertEquals(0, balance(shop).signum());
        JsonObject purchase = shop.admin().get("/api/whatsapp/credits").json().getJsonArray("purchases").getJsonObject(0);
        assertEquals("DECLINED", purchase.getString("state"));
        long id = purchase.getJsonNumber("id").longValue();

        assertEquals(200, shop.admin().put("/api/crm/payments/processor", Json.createObjectBuilder()
                .add("declinesEveryPayment", false).build()).status());
        Answer retried = shop.admin().post("/api/whatsapp/credits/purchases/" + id + "/retry", JsonValue.EMPTY_JSON_OBJECT);
        assertEquals(201, retried.status(), retried.body());
        assertEquals(0, new BigDecimal("5").compareTo(balance(shop)));
        assertEquals(400, shop.admin().post("/api/whatsapp/credits/purchases/" + id + "/retry", JsonValue.EMPTY_JSON_OBJECT)
                .status(), "a paid purchase is not paid again");
        assertEquals(0, new BigDecimal("5").compareTo(balance(shop)));

        Answer once = shop.admin().postWith("/api/whatsapp/credits/purchases", Json.createObjectBuilder().add("credits", 3)
                .build(), "Idempotency-Key", "order-42");
        Answer twice = shop.admin().postWith("/api/whatsapp/credits/purchases", Json.createObjectBuilder().add("credits", 3)
                .build(), "Idempotency-Key", "order-42");
        assertEquals(once.json().getJsonNumber("id"), twice.json().getJsonNumber("id"));
        assertEquals(0, new BigDecimal("8").compareTo(balance(shop)), "one purchase sent twice is bought once");
        assertEquals(2, TestDatabase.number("select count(*) from crm.payment p join crm.user_account u"
                + " on u.organisation_id = p.organisation_id where u.id = (select requested_by from whatsapp.credit_top_up"
                + " where id = ?) and outcome = 'PAID'", id), "the host took two payments: 5 and 3 credits");
        assertEquals(400, buy(shop, 0).status());
        assertEquals("VALIDATION_FAILED", shop.admin().post("/api/whatsapp/credits/purchases", Json.createObjectBuilder()
                .add("credits", 1.001).build()).code());
    }

    @Test
    void agentsSeeWhatASendCostsButCannotBuyOrChangeSettings() throws Exception {
        ReferenceHostRecords host = new ReferenceHostRecords(base);
        long profile = host.newProfile();
        assertEquals(200, host.administrator().put("/api/whatsapp/permissions/" + profile, Json.createObjectBuilder()
                .add("level", "VIEW_AND_REPLY").build()).status());
        ApiClient agent = host.newUser(profile);
        assertEquals(403, agent.get("/api/whatsapp/credits").status());
        assertEquals(403, agent.post("/api/whatsapp/credits/purchases", Json.createObjectBuilder().add("credits", 5).build())
                .status());
        assertEquals(403, agent.put("/api/whatsapp/credits/auto-recharge", Json.createObjectBuilder().add("enabled", true)
                .add("threshold", 1).add("amount", 5).build()).status());
        assertEquals(403, agent.get("/api/whatsapp/credits/ledger").status());
        assertEquals(403, agent.get("/api/whatsapp/credits/usage").status());
        assertEquals(403, agent.post("/api/whatsapp/credits/purchases/1/retry", JsonValue.EMPTY_JSON_OBJECT).status());
        assertEquals(403, agent.put("/api/crm/payments/processor", Json.createObjectBuilder().add("declinesEveryPayment", true)
                .build()).status());
        assertEquals(404, agent.get("/api/whatsapp/credits/quote?conversationId=" + Long.MAX_VALUE).status(),
                "a quote is the agent's to ask, for their own organisation's chats");
    }
}
