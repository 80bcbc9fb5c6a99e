package io.crmkit.whatsapp.infrastructure.live;

import io.crmkit.whatsapp.application.Jsonp;
import io.crmkit.whatsapp.application.live.ConversationEvent;
import io.crmkit.whatsapp.application.live.LiveUpdates;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import javax.sql.DataSource;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Carries conversation events to every node of a cluster through PostgreSQL's LISTEN/NOTIFY: the change's
 * transaction issues the notification, which PostgreSQL delivers only if it commits, to every node's
 * listener, which hands it to that node's browsers.
 */
@ApplicationScoped
public class ClusterRelay {
    static final String CHANNEL = "whatsapp_live";
    private static final long KEEP_ALIVE_NANOS = java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
    private static final Logger LOG = Logger.getLogger(ClusterRelay.class.getName());

    @PersistenceContext(unitName = "whatsapp")
    EntityManager em;
    @Resource(lookup = "java:app/jdbc/crm")
    DataSource dataSource;
    @Resource
    ManagedThreadFactory threads;
    @Inject
    LiveUpdates live;
    @Resource
    jakarta.transaction.TransactionSynchronizationRegistry transaction;

    private volatile boolean running;
    private Thread listener;

    /**
     * Keeps the event for its transaction's notifications; outside a transaction, notifies at once. An event the
     * transaction keeps already (the sent, delivered and read of one message, processed together) is not kept
     * again: PostgreSQL would send it once anyway.
     */
    void keepForCommit(@Observes(during = TransactionPhase.IN_PROGRESS) ConversationEvent event) {
        String payload = payloadOf(event);
        if (!inTransaction()) {
            notifyAll(List.of(payload));
        } else {
            keptInThisTransaction().add(payload);
        }
    }

    /**
     * Queues the transaction's events in one statement before it commits: PostgreSQL sends them on commit, never on
     * rollback. A batch of webhook events made one round trip to the database per event before. Called for each
     * event of the transaction; the first call queues them all.
     */
    void notifyOnCommit(@Observes(during = TransactionPhase.BEFORE_COMPLETION) ConversationEvent event) {
        if (!inTransaction()) {
            return; // notified when it was fired
        }
        Set<String> kept = keptInThisTransaction();
        if (!kept.isEmpty()) {
            notifyAll(List.copyOf(kept));
            kept.clear();
        }
    }

    /** One notification per payload, in one statement (the payloads travel as a JSON array of strings). */
    private void notifyAll(List<String> payloads) {
        JsonArrayBuilder array = Jsonp.createArrayBuilder();
        payloads.forEach(array::add);
        em.createNativeQuery("select count(pg_notify(?1, payload)) from json_array_elements_text(cast(?2 as json)) payload")
                .setParameter(1, CHANNEL).setParameter(2, array.build().toString()).getSingleResult();
    }

    private static String payloadOf(ConversationEvent event) {
        JsonObjectBuilder json = Jsonp.createObjectBuilder().add("organisationId", event.organisationId())
                .add("conversationId", event.conversationId()).add("kind", event.kind()).add("outbound", event.outbound());
        event.messageId().ifPresent(id -> json.add("messageId", id));
        return json.build().toString();
    }

    private boolean inTransaction() {
        return transaction.getTransactionStatus() != jakarta.transaction.Status.STATUS_NO_TRANSACTION;
    }

    @SuppressWarnings("unchecked")
    private Set<String> keptInThisTransaction() {
        Object kept = transaction.getResource(ClusterRelay.class);
        if (kept == null) {
            kept = new LinkedHashSet<String>();
            transaction.putResource(ClusterRelay.class, kept);
        }
        return (Set<String>) kept;
    }

    public void start() {
        running = true;
        listener = threads.newThread(this::listen);
        listener.setName("whatsapp-live-relay");
        listener.start();
    }

    public void stop() {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    private void listen() {
        long lastKeepAlive = System.nanoTime();
        while (running) {
            try (Connection connection = dataSource.getConnection(); Statement listen = connection.createStatement()) {
                listen.execute("LISTEN " + CHANNEL);
                PGConnection postgres = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(5_000);
                    if (notifications != null) {
                        for (PGNotification notification : notifications) {
                            live.deliver(parse(notification.getParameter()));
                        }
                    }
                    if (System.nanoTime() - lastKeepAlive > KEEP_ALIVE_NANOS) {
                        live.keepAlive();
                        lastKeepAlive = System.nanoTime();
                    }
                }
            } catch (SQLException lost) {
                if (running) {
                    LOG.log(Level.WARNING, "Live update relay lost its connection; reconnecting", lost);
                    pause();
                }
            }
        }
    }

    private static ConversationEvent parse(String payload) {
        JsonObject json = Jsonp.createReader(new StringReader(payload)).readObject();
        return new ConversationEvent(json.getJsonNumber("organisationId").longValue(),
                json.getJsonNumber("conversationId").longValue(), json.getString("kind"),
                json.containsKey("messageId") ? Optional.of(json.getJsonNumber("messageId").longValue()) : Optional.empty(),
                json.getBoolean("outbound"));
    }

    private void pause() {
        try {
            Thread.sleep(1_000);
        } catch (InterruptedException stopping) {
            Thread.currentThread().interrupt();
        }
    }
}
