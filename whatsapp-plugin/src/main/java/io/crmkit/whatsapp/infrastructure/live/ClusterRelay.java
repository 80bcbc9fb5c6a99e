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
import java.util.Optional;
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
     * Queues the event in the changing transaction: PostgreSQL sends it on commit, never on rollback. An event the
     * transaction queued already (the sent, delivered and read of one message, processed together) is not queued
     * again: PostgreSQL would send it once anyway.
     */
    void notifyOnCommit(@Observes(during = TransactionPhase.IN_PROGRESS) ConversationEvent event) {
        JsonObjectBuilder json = Jsonp.createObjectBuilder().add("organisationId", event.organisationId())
                .add("conversationId", event.conversationId()).add("kind", event.kind()).add("outbound", event.outbound());
        event.messageId().ifPresent(id -> json.add("messageId", id));
        String payload = json.build().toString();
        if (queuedInThisTransaction().add(payload)) {
            em.createNativeQuery("select pg_notify(?1, ?2)").setParameter(1, CHANNEL).setParameter(2, payload)
                    .getSingleResult();
        }
    }

    @SuppressWarnings("unchecked")
    private java.util.Set<String> queuedInThisTransaction() {
        if (transaction.getTransactionStatus() == jakarta.transaction.Status.STATUS_NO_TRANSACTION) {
            return new java.util.HashSet<>();
        }
        Object queued = transaction.getResource(ClusterRelay.class);
        if (queued == null) {
            queued = new java.util.HashSet<String>();
            transaction.putResource(ClusterRelay.class, queued);
        }
        return (java.util.Set<String>) queued;
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
