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
 * Deals new chats to a channel's users in turn. The turn is a row locked for the caller's transaction, so
 * the deal stays fair under concurrent arrivals, on several nodes and across restarts. Only users who would see
 * the chat are dealt one: a deactivated user, or one whose profile has no WhatsApp level, is skipped.
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
        int next = turns.holdNext(channel.id());
        for (int offset = 0; offset < assignees.size(); offset++) {
            int position = Math.floorMod(next + offset, assignees.size());
            long candidate = assignees.get(position);
            if (permissions.currentLevel(channel.organisationId(), candidate).includes(AccessLevel.VIEW_ONLY)) {
                turns.moveTo(channel.id(), (position + 1) % assignees.size());
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
