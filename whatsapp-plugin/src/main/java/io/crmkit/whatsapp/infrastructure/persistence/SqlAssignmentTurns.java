package io.crmkit.whatsapp.infrastructure.persistence;

import io.crmkit.whatsapp.application.inbound.AssignmentTurns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** The turn is a row per channel, moved on by one statement in a transaction of its own. */
@ApplicationScoped
public class SqlAssignmentTurns extends JpaRepository implements AssignmentTurns {
    @Override
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int take(long channelId, int assignees) {
        int next = ((Number) em.createNativeQuery("""
                        insert into whatsapp.round_robin as turn (channel_id, next_position) values (?1, 1 % ?2)
                        on conflict (channel_id) do update set next_position = (turn.next_position + 1) % ?2
                        returning next_position""")
                .setParameter(1, channelId).setParameter(2, assignees).getSingleResult()).intValue();
        return Math.floorMod(next - 1, assignees);
    }
}
