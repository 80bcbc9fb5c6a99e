package io.crmkit.it;

import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.Organisations;
import io.crmkit.it.support.Seeds;
import io.crmkit.it.support.TestDatabase;
import io.crmkit.it.support.Webhooks;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.crmkit.it.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Meta delivers at least once, in no promised order: every delivery of a busy number three times, shuffled and sent
 * from several connections at once, still stores each message once and leaves each answer in its final state.
 */
@ExtendWith(ArquillianExtension.class)
class RedeliveryUnderLoadIT {
    @RegisterExtension
    final Seeds seeds = new Seeds();

    private static final int CUSTOMERS = 200;
    private static final int MESSAGES_PER_DELIVERY = 10;
    private static final int SENDERS = 8;

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application();
    }

    @Test
    void everyDeliveryThreeTimesShuffledStoresEachMessageOnceAndEachStatusInItsFinalState() throws Exception {
        ApiClient admin = Organisations.administrator(base);
        JsonObject channel = Organisations.sandboxChannel(base, "Redelivery");
        long organisation = TestDatabase.number("select organisation_id from whatsapp.channel where id = ?", channel.getInt("id"));
        long firstNumber = 819_060_000_000L + seeds.random().nextInt(900_000) * 100L;

        // The customers write first; the answers stand as the outbox leaves them once Meta took them.
        List<String> inbound = new ArrayList<>();
        List<byte[]> deliveries = new ArrayList<>();
        for (int start = 0; start < CUSTOMERS; start += MESSAGES_PER_DELIVERY) {
            JsonArrayBuilder batch = Json.createArrayBuilder();
            for (int i = start; i < start + MESSAGES_PER_DELIVERY; i++) {
                String wamid = Webhooks.newWamid();
                inbound.add(wamid);
                batch.add(Webhooks.textMessage(Long.toString(firstNumber + i), wamid, "Order " + i + ", please"));
            }
            deliveries.add(envelope(channel, batch, Json.createArrayBuilder()));
        }
        post(deliveries);
        eventually("every customer's message", 60, () -> TestDatabase.number("select count(*) from whatsapp.message"
                + " where organisation_id = ? and wamid = any(string_to_array(?, ','))", organisation, String.join(",", inbound))
                == CUSTOMERS);
        List<String> answers = new ArrayList<>();
        for (String wamid : inbound) {
            String answer = Webhooks.newWamid();
            answers.add(answer);
            TestDatabase.update("insert into whatsapp.message (organisation_id, conversation_id, direction, type, wamid, text,"
                    + " status, sent_at, created_at) select organisation_id, conversation_id, 'OUT', 'text', ?, 'On its way',"
                    + " 'QUEUED', now(), now() from whatsapp.message where wamid = ?", answer, wamid);
        }

        // Then everything again, three times over: the customers' messages and each answer's sent, delivered and read.
        List<byte[]> again = new ArrayList<>();
        for (int copy = 0; copy < 3; copy++) {
            again.addAll(deliveries);
            for (String answer : answers) {
                for (String status : List.of("sent", "delivered", "read")) {
                    again.add(envelope(channel, Json.createArrayBuilder(), Json.createArrayBuilder()
                            .add(Webhooks.status(answer, status))));
                }
            }
        }
        Collections.shuffle(again);
        post(again);

        String answersList = String.join(",", answers);
        eventually("every answer read", 60, () -> TestDatabase.number("select count(*) from whatsapp.message"
                + " where wamid = any(string_to_array(?, ',')) and status = 'READ'", answersList) == CUSTOMERS);
        assertEquals(CUSTOMERS, TestDatabase.number("select count(*) from whatsapp.message where organisation_id = ?"
                + " and wamid = any(string_to_array(?, ','))", organisation, String.join(",", inbound)), "each message once");
        assertEquals(CUSTOMERS, TestDatabase.number("select count(*) from whatsapp.conversation where channel_id = ?",
                channel.getInt("id")), "a chat for each customer, once");
        assertEquals(CUSTOMERS, TestDatabase.number("select count(*) from whatsapp.message m join whatsapp.conversation c"
                + " on c.id = m.conversation_id where c.channel_id = ? and m.direction = 'IN'", channel.getInt("id")));
        assertEquals(0, TestDatabase.number("select count(*) from whatsapp.webhook_event where channel_id = ?"
                + " and parked_at is not null", channel.getInt("id")), "nothing parked");
    }

    private static byte[] envelope(JsonObject channel, JsonArrayBuilder messages, JsonArrayBuilder statuses) {
        return Webhooks.envelope(Webhooks.entry(channel.getString("wabaId"), channel.getString("phoneNumberId"), messages,
                statuses));
    }

    /** Posts the deliveries from several connections at once; each must be acknowledged. */
    private void post(List<byte[]> deliveries) throws Exception {
        ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
        List<Future<Integer>> sent = new ArrayList<>();
        for (byte[] body : deliveries) {
            sent.add(senders.submit(() -> ApiClient.anonymous(base).postBytes("/webhooks/whatsapp", body,
                    "X-Hub-Signature-256", Webhooks.signature(body)).status()));
        }
        for (Future<Integer> status : sent) {
            assertEquals(200, status.get());
        }
        senders.shutdown();
    }
}
