package io.crmkit.whatsapp.infrastructure.persistence;

import io.crmkit.whatsapp.application.inbound.AssignmentTurns;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.util.List;

/**
 * The turns of a channel are a sequence of its own: a {@code nextval} takes one in the caller's transaction, and
 * neither waits for another transaction nor is given back by a rollback.
 */
@ApplicationScoped
public class SqlAssignmentTurns extends JpaRepository implements AssignmentTurns {
    @Inject
    SqlAssignmentTurns self;

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public int take(long channelId, int assignees) {
        List<?> turn = nextTurn(channelId);
        if (turn.isEmpty()) {
            self.startTurns(channelId);
            turn = nextTurn(channelId);
        }
        return (int) Math.floorMod(((Number) turn.get(0)).longValue() - 1, assignees);
    }

    /** The channel's next turn, or nothing when its sequence is not made yet (asked without raising an error). */
    private List<?> nextTurn(long channelId) {
        return em.createNativeQuery("select nextval(turns) from to_regclass(?1) turns where turns is not null")
                .setParameter(1, sequenceOf(channelId)).getResultList();
    }

    /** Makes the channel's sequence, once however many nodes and workers deal its first chats at the same time. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void startTurns(long channelId) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('whatsapp.round_robin'), hashtext(?1))")
                .setParameter(1, sequenceOf(channelId)).getSingleResult();
        // A channel's id is a number, the only part of the statement that is not fixed.
        em.createNativeQuery("create sequence if not exists " + sequenceOf(channelId) + " minvalue 0 start with 1")
                .executeUpdate();
    }

    private static String sequenceOf(long channelId) {
        return "whatsapp.round_robin_" + channelId;
    }
}
