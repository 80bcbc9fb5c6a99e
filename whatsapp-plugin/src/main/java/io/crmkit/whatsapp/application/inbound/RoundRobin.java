package io.crmkit.whatsapp.application.inbound;

import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.User;
import io.crmkit.whatsapp.domain.Channel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
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
    @PersistenceContext(unitName = "whatsapp")
    EntityManager em;
    @Inject
    CrmHost host;

    /** The next active assignee of the channel, or empty when none of them is active. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Long> nextOwner(Channel channel) {
        List<Long> assignees = channel.assigneeIds();
        if (assignees.isEmpty()) {
            return Optional.empty();
        }
        em.createNativeQuery("insert into whatsapp.round_robin (channel_id, next_position) values (?1, 0)"
                + " on conflict (channel_id) do nothing").setParameter(1, channel.id()).executeUpdate();
        int next = ((Number) em.createNativeQuery("select next_position from whatsapp.round_robin where channel_id = ?1 for update")
                .setParameter(1, channel.id()).getSingleResult()).intValue();
        var users = host.organisation(channel.organisationId()).users();
        for (int offset = 0; offset < assignees.size(); offset++) {
            int position = Math.floorMod(next + offset, assignees.size());
            long candidate = assignees.get(position);
            if (users.find(candidate).filter(User::active).isPresent()) {
                em.createNativeQuery("update whatsapp.round_robin set next_position = ?1 where channel_id = ?2")
                        .setParameter(1, (position + 1) % assignees.size()).setParameter(2, channel.id()).executeUpdate();
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
