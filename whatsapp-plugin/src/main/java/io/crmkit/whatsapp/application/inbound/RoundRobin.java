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
 * WhatsApp level, is left out of the deal.
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
        List<Long> eligible = channel.assigneeIds().stream().filter(candidate -> permissions
                .currentLevel(channel.organisationId(), candidate).includes(AccessLevel.VIEW_ONLY)).toList();
        if (eligible.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(eligible.get(turns.take(channel.id(), eligible.size())));
    }
}
