package io.crmkit.whatsapp.application.inbound;

import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.whatsapp.application.inbound.WebhookEventQueue.ParkedEvent;
import io.crmkit.whatsapp.application.webhook.WebhookEventsStored;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/**
 * Webhook events that could not be processed after every attempt, as administrators see them: listed with
 * the reason, retried (the event gets its attempts back) or dismissed. Callers are administrators of the
 * organisation; an event of another organisation is unknown.
 */
@ApplicationScoped
public class DeliveryProblems {
    @Inject
    WebhookEventQueue queue;
    @Inject
    Event<WebhookEventsStored> waiting;

    /** A page of problems, newest first; {@code nextBefore} continues the list. */
    public record ProblemPage(List<ParkedEvent> items, Optional<Long> nextBefore) {
    }

    @Transactional
    public ProblemPage list(CurrentUser administrator, Optional<Long> before, int limit) {
        List<ParkedEvent> rows = queue.parked(administrator.organisationId(), before, limit + 1);
        List<ParkedEvent> page = rows.stream().limit(limit).toList();
        return new ProblemPage(page, rows.size() > limit ? Optional.of(page.get(page.size() - 1).id()) : Optional.empty());
    }

    /** Processes the event again with fresh attempts, as soon as this transaction commits. */
    @Transactional
    public void retry(CurrentUser administrator, long eventId) {
        if (!queue.retry(administrator.organisationId(), eventId)) {
            throw Refusal.notFound(RefusalText.NO_SUCH_DELIVERY_PROBLEM, eventId);
        }
        // The event waits again like a newly stored one: the drain takes it after the commit.
        waiting.fire(new WebhookEventsStored(1));
    }

    @Transactional
    public void dismiss(CurrentUser administrator, long eventId) {
        if (!queue.dismiss(administrator.organisationId(), eventId)) {
            throw Refusal.notFound(RefusalText.NO_SUCH_DELIVERY_PROBLEM, eventId);
        }
    }

    /** Parked events of every organisation that wait for an administrator: for the health check and metrics. */
    @Transactional
    public long waitingForAnAdministrator() {
        return queue.parkedCount();
    }
}
