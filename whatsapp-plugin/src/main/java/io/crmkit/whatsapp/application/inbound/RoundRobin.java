package io.crmkit.whatsapp.application.inbound;

import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.User;
import io.crmkit.whatsapp.domain.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/**
 * Deals new chats to a channel's users in turn. The turn is a row locked for the caller's transaction, so
 * the deal stays fair under concurrent arrivals, on several nodes and across restarts; deactivated users
 * are skipped.
 */
@ApplicationScoped
public class RoundRobin {
    @Inject
    AssignmentTurns turns;
    @Inject
    CrmHost host;

    /** The next active assignee of the channel, or empty when none of them is active. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Long> nextOwner(Channel channel) {
        List<Long> assignees = channel.assigneeIds();
        if (assignees.isEmpty()) {
            return Optional.empty();
        }
        int next = turns.holdNext(channel.id());
        var users = host.organisation(channel.organisationId()).users();
        for (int offset = 0; offset < assignees.size(); offset++) {
            int position = Math.floorMod(next + offset, assignees.size());
            long candidate = assignees.get(position);
            if (users.find(candidate).filter(User::active).isPresent()) {
                turns.moveTo(channel.id(), (position + 1) % assignees.size());
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
