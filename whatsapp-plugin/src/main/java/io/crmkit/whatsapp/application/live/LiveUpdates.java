package io.crmkit.whatsapp.application.live;

import io.crmkit.whatsapp.application.Jsonp;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.whatsapp.application.Permissions;
import io.crmkit.whatsapp.domain.AccessLevel;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The browsers listening on this node for changes ({@code GET /api/whatsapp/events}) and what each may
 * see: its organisation only, and outbound messages only with the view-and-reply level. Events arrive from
 * the cluster relay (PostgreSQL LISTEN/NOTIFY in infrastructure), after the change committed on whichever node made it.
 */
@ApplicationScoped
public class LiveUpdates {
    private final Set<Listener> listeners = ConcurrentHashMap.newKeySet();

    @Inject
    Permissions permissions;

    private record Listener(long organisationId, long userId, boolean seesOutbound, SseEventSink sink, Sse sse) {
    }

    public void listen(CurrentUser user, AccessLevel level, SseEventSink sink, Sse sse) {
        Listener listener = new Listener(user.organisationId(), user.userId(), level.includes(AccessLevel.VIEW_AND_REPLY),
                sink, sse);
        listeners.add(listener);
        send(listener, sse.newEventBuilder().name("ready").data("{}").build());
    }

    /** A profile's level changed: each listener of the organisation hears from now on what its user may see now. */
    void onLevelsChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) Permissions.LevelsChanged change) {
        recheck(listener -> listener.organisationId() == change.organisationId());
    }

    /**
     * Looks each chosen listener's level up afresh: a user who lost access has the stream closed, one who
     * gained or lost the answers hears accordingly.
     */
    private void recheck(Predicate<Listener> which) {
        for (Listener listener : listeners) {
            if (!which.test(listener)) {
                continue;
            }
            AccessLevel level = permissions.currentLevel(listener.organisationId(), listener.userId());
            if (!level.includes(AccessLevel.VIEW_ONLY)) {
                listeners.remove(listener);
                listener.sink().close();
            } else if (level.includes(AccessLevel.VIEW_AND_REPLY) != listener.seesOutbound() && listeners.remove(listener)) {
                listeners.add(new Listener(listener.organisationId(), listener.userId(), !listener.seesOutbound(),
                        listener.sink(), listener.sse()));
            }
        }
    }

    /** Hands a committed change to this node's listeners that may see it. */
    public void deliver(ConversationEvent event) {
        JsonObjectBuilder data = Jsonp.createObjectBuilder().add("conversationId", event.conversationId());
        event.messageId().ifPresent(id -> data.add("messageId", id));
        String json = data.build().toString();
        for (Listener listener : listeners) {
            if (listener.organisationId() == event.organisationId() && (!event.outbound() || listener.seesOutbound())) {
                send(listener, listener.sse().newEventBuilder().name(event.kind()).mediaType(MediaType.APPLICATION_JSON_TYPE)
                        .data(json).build());
            }
        }
    }

    /**
     * A comment to every listener, so that proxies keep idle streams open and dead ones are noticed; each user's
     * level is looked up again on the way (a deactivated user's stream closes).
     */
    public void keepAlive() {
        recheck(listener -> true);
        for (Listener listener : listeners) {
            send(listener, listener.sse().newEventBuilder().comment("keep-alive").build());
        }
    }

    private void send(Listener listener, OutboundSseEvent event) {
        if (listener.sink().isClosed()) {
            listeners.remove(listener);
            return;
        }
        listener.sink().send(event).whenComplete((ignored, failure) -> {
            if (failure != null) {
                listeners.remove(listener);
                listener.sink().close();
            }
        });
    }

    @PreDestroy
    void closeAll() {
        listeners.forEach(listener -> listener.sink().close());
        listeners.clear();
    }
}
