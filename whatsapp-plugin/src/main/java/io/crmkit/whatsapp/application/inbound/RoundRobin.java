package io.crmkit.whatsapp.application.inbound;

import io.crmkit.whatsapp.application.Permissions;
import io.crmkit.whatsapp.domain.AccessLevel;
import io.crmkit.whatsapp.domain.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/**
 * Deals new chats to a channel's users in turn. The turn is taken and moved on in one statement of its own, so the
 * deal stays fair under concurrent arrivals, on several nodes and across restarts, and no chat's transaction holds
 * the others back. Only users who would see the chat are dealt one: a deactivated user, or one whose profile has no
 * WhatsApp level, gives up the turn to the next.
 */
@ApplicationScoped
public class RoundRobin {
    @Inject
    AssignmentTurns turns;
    @Inject
    Permissions permissions;

    /** The next assignee of the channel who may see its chats, or empty when none of them may. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Long> nextOwner(Channel channel) {
        List<Long> assignees = channel.assigneeIds();
        if (assignees.isEmpty()) {
            return Optional.empty();
        }
        for (int turn = 0; turn < assignees.size(); turn++) {
            long candidate = assignees.get(turns.take(channel.id(), assignees.size()));
            if (permissions.currentLevel(channel.organisationId(), candidate).includes(AccessLevel.VIEW_ONLY)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
