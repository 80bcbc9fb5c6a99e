package io.crmkit.it.bench;

import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.EmbeddedDatabaseSession;
import io.crmkit.it.support.Organisations;
import io.crmkit.it.support.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The Messages tab's list with 100,000 conversations and 1,000,000 messages in the organisation: a page of 50 with
 * unread counts and latest messages, for All and Mine and with a search, timed through the API as the browser calls it.
 * The rows are written straight into the plugin's tables, as a year of processed webhooks would have left them.
 */
@ExtendWith(ArquillianExtension.class)
class InboxBenchmark {
    private static final int CONVERSATIONS = 100_000;
    private static final int MESSAGES_PER_CONVERSATION = 10;
    private static final int WARM_UP = 50;
    private static final int SAMPLES = 300;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application();
    }

    @Test
    void listsAPageOfTheInboxQuicklyWithAHundredThousandConversations() {
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

        // A name, a piece of one message, and a word in every message (the search then walks the newest chats).
        Map<String, String> views = Map.of("all", "/api/whatsapp/conversations?limit=50",
                "mine", "/api/whatsapp/conversations?view=MINE&limit=50",
                "search_name", "/api/whatsapp/conversations?limit=50&q=Customer%2099999",
                "search_text", "/api/whatsapp/conversations?limit=50&q=order%20819000012345",
                "search_common_word", "/api/whatsapp/conversations?limit=50&q=order");
        JsonObjectBuilder figures = Json.createObjectBuilder().add("conversations", CONVERSATIONS)
                .add("messages", CONVERSATIONS * MESSAGES_PER_CONVERSATION).add("load_seconds", BenchResults.round(loadSeconds));
        for (Map.Entry<String, String> view : views.entrySet()) {
            for (int i = 0; i < WARM_UP; i++) {
                assertEquals(200, admin.get(view.getValue()).status());
            }
            List<Double> millis = new ArrayList<>();
            for (int i = 0; i < SAMPLES; i++) {
                long started = System.nanoTime();
                ApiClient.Answer page = admin.get(view.getValue());
                millis.add((System.nanoTime() - started) / 1e6);
                assertEquals(200, page.status(), page.body());
            }
            figures.add(view.getKey(), BenchResults.latencies(millis));
        }
        JsonObject result = figures.build();
        BenchResults.write("inbox", result);
    }
}
