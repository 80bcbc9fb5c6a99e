package io.crmkit.it.bench;

import io.crmkit.it.bench.BenchResults.Target;
import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.EmbeddedDatabaseSession;
import io.crmkit.it.support.Organisations;
import io.crmkit.it.support.TestDatabase;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.JsonObjectBuilder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Messages tab's list with 100,000 conversations and 1,000,000 messages in the organisation: a page of 50 with
 * unread counts and latest messages, for All and Mine and with a search, timed through the API as the browser calls it;
 * each answer is checked (the chat searched for found first, a full page) before its time counts. Sizes:
 * {@code -Dbench.inbox.conversations} (100,000), {@code -Dbench.inbox.samples} (300).
 * The rows are written straight into the plugin's tables, as a year of processed webhooks would have left them.
 */
@ExtendWith(ArquillianExtension.class)
class InboxBenchmark {
    private static final int CONVERSATIONS = Integer.getInteger("bench.inbox.conversations", 100_000);
    private static final int MESSAGES_PER_CONVERSATION = 10;
    private static final int WARM_UP = 50;
    private static final int SAMPLES = Integer.getInteger("bench.inbox.samples", 300);
    private static final int PAGE = 50;
    /** What a page may take at the 95th percentile, as the browser waits for it. */
    private static final Target PAGE_TARGET = Target.atMost(25);
    /** The customer the name search looks for, and the one whose order number the text search looks for. */
    private static final int NAMED_CUSTOMER = CONVERSATIONS - 1;
    private static final int ORDERING_CUSTOMER = Math.min(12_345, CONVERSATIONS);

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application();
    }

    @Test
    void listsAPageOfTheInboxQuicklyWithAHundredThousandConversations() {
        JsonObject postgres = BenchResults.databaseSettings(System.getProperty("it.db.url"));
        ApiClient admin = ApiClient.as(base, "admin", EmbeddedDatabaseSession.ADMIN_PASSWORD);
        long adminId = admin.get("/api/crm/session").json().getJsonObject("user").getJsonNumber("id").longValue();
        long channel = Organisations.sandboxChannel(base, "Inbox").getJsonNumber("id").longValue();
        long organisation = TestDatabase.number("select organisation_id from whatsapp.channel where id = ?", channel);
        long loadStarted = System.nanoTime();
        TestDatabase.update("""
                insert into whatsapp.conversation (organisation_id, channel_id, contact_id, customer_key, customer_name, owner_id,
                    window_expires_at, last_message_at, last_message_preview, unread_count, created_at, last_inbound_at,
                    last_inbound_preview)
                select ?, ?, 1000000 + n, (819000000000 + n)::text, 'Customer ' || n, case when n % 2 = 0 then ? end,
                       now() - (n || ' seconds')::interval + interval '1 day', now() - (n || ' seconds')::interval,
                       'Message about order ' || n, n % 3, now() - interval '30 days', now() - (n || ' seconds')::interval,
                       'Message about order ' || n
                  from generate_series(1, ?) n""", organisation, channel, adminId, CONVERSATIONS);
        TestDatabase.update("""
                insert into whatsapp.message (organisation_id, conversation_id, direction, type, wamid, text, status, sent_at,
                    created_at)
                select c.organisation_id, c.id, case when k % 2 = 0 then 'IN' else 'OUT' end, 'text',
                       'wamid.BENCH' || c.id || '.' || k, 'Message ' || k || ' about order ' || c.customer_key,
                       case when k % 2 = 0 then 'RECEIVED' else 'READ' end, c.last_message_at - (k || ' minutes')::interval,
                       c.last_message_at - (k || ' minutes')::interval
                  from whatsapp.conversation c, generate_series(1, ?) k
                 where c.channel_id = ?""", MESSAGES_PER_CONVERSATION, channel);
        TestDatabase.update("analyze whatsapp.conversation");
        TestDatabase.update("analyze whatsapp.message");
        double loadSeconds = (System.nanoTime() - loadStarted) / 1e9;
        assertEquals(CONVERSATIONS, TestDatabase.number("select count(*) from whatsapp.conversation where channel_id = ?", channel));

        long named = chatOf(channel, NAMED_CUSTOMER);
        long ordering = chatOf(channel, ORDERING_CUSTOMER);

        // A name, a piece of one message, and a word in every message (the search then walks the newest chats). Each
        // answer is checked before its time counts: a fast wrong answer measures nothing.
        Map<String, View> views = new LinkedHashMap<>();
        views.put("all", new View("/api/whatsapp/conversations?limit=50", fullPage()));
        views.put("mine", new View("/api/whatsapp/conversations?view=MINE&limit=50", fullPage()));
        views.put("search_name", new View("/api/whatsapp/conversations?limit=50&q=Customer%20" + NAMED_CUSTOMER,
                finds(named, "the chat of Customer " + NAMED_CUSTOMER)));
        long order = 819_000_000_000L + ORDERING_CUSTOMER;
        views.put("search_text", new View("/api/whatsapp/conversations?limit=50&q=order%20" + order,
                finds(ordering, "the chat of order " + order)));
        views.put("search_common_word", new View("/api/whatsapp/conversations?limit=50&q=order", fullPage()));
        JsonObjectBuilder figures = BenchResults.JSON.createObjectBuilder().add("conversations", CONVERSATIONS)
                .add("messages", CONVERSATIONS * MESSAGES_PER_CONVERSATION).add("load_seconds", BenchResults.round(loadSeconds))
                .add("postgres", postgres);
        for (Map.Entry<String, View> view : views.entrySet()) {
            for (int i = 0; i < WARM_UP; i++) {
                view.getValue().check(admin.get(view.getValue().path()));
            }
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < SAMPLES; i++) {
                long started = System.nanoTime();
                ApiClient.Answer page = admin.get(view.getValue().path());
                double took = (System.nanoTime() - started) / 1e6;
                view.getValue().check(page);
                millis.add(took);
            }
            figures.add(view.getKey(), BenchResults.latencies(millis, "p95_ms", PAGE_TARGET));
        }
        JsonObject result = figures.build();
        BenchResults.write("inbox", result);
    }

    /** A page the browser asks for, and what its answer must be. */
    private record View(String path, Expected expected) {
        void check(ApiClient.Answer page) {
            assertEquals(200, page.status(), page.body());
            assertTrue(expected.test().test(page.json()), path + " did not answer " + expected.description() + ": "
                    + page.body());
        }
    }

    private record Expected(Predicate<JsonObject> test, String description) {
    }

    private static Expected fullPage() {
        return new Expected(page -> page.getJsonArray("items").size() == PAGE, "a full page of " + PAGE);
    }

    /**
     * The chat {@code conversation} among the answers: the inbox lists matches newest first, and another chat may match
     * too (a chat named "Customer" whose number holds the digits searched for, written to by an earlier scenario).
     */
    private static Expected finds(long conversation, String description) {
        return new Expected(page -> page.getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .anyMatch(chat -> chat.getJsonNumber("id").longValue() == conversation), description);
    }

    private static long chatOf(long channel, int customer) {
        return TestDatabase.number("select id from whatsapp.conversation where channel_id = ? and customer_key = ?", channel,
                Long.toString(819_000_000_000L + customer));
    }
}
