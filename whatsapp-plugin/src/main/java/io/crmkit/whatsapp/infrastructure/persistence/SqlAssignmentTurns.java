package io.crmkit.whatsapp.infrastructure.persistence;

import io.crmkit.whatsapp.application.inbound.AssignmentTurns;
import jakarta.enterprise.context.ApplicationScoped;

/** The turn is a row per channel, locked with {@code FOR UPDATE} until the caller's transaction ends. */
@ApplicationScoped
public class SqlAssignmentTurns extends JpaRepository implements AssignmentTurns {
    @Override
    public int holdNext(long channelId) {
        em.createNativeQuery("insert into whatsapp.round_robin (channel_id, next_position) values (?1, 0)"
                + " on conflict (channel_id) do nothing").setParameter(1, channelId).executeUpdate();
        return ((Number) em.createNativeQuery("select next_position from whatsapp.round_robin where channel_id = ?1 for update")
                .setParameter(1, channelId).getSingleResult()).intValue();
    }

    @Override
    public void moveTo(long channelId, int nextPosition) {
        em.createNativeQuery("update whatsapp.round_robin set next_position = ?1 where channel_id = ?2")
                .setParameter(1, nextPosition).setParameter(2, channelId).executeUpdate();
    }
}
