package io.crmkit.whatsapp.infrastructure.persistence;

import io.crmkit.whatsapp.application.repository.MessageRepository;
import io.crmkit.whatsapp.domain.DeliveryStatus;
import io.crmkit.whatsapp.domain.Message;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Messages by JPA; the outbox's claim in SQL, for {@code FOR UPDATE SKIP LOCKED}. */
@ApplicationScoped
public class JpaMessageRepository extends JpaRepository implements MessageRepository {
    @Override
    public Message add(Message message) {
        return persistNow(message);
    }

    @Override
    public Optional<Message> find(long messageId) {
        return Optional.ofNullable(em.find(Message.class, messageId));
    }

    @Override
    public Map<Long, Message> findAll(Collection<Long> messageIds) {
        return byId(Message.class, messageIds, Message::id);
    }

    @Override
    public void writeNow(Message message) {
        em.flush();
    }

    @Override
    public List<Message> latest(long conversationId, int limit, Optional<Long> beforeId, boolean incomingOnly) {
        TypedQuery<Message> select = em.createQuery("select m from Message m where m.conversationId = :c and m.id < :before"
                        + (incomingOnly ? " and m.direction = :in" : "") + " order by m.sentAt desc, m.id desc", Message.class)
                .setParameter("c", conversationId).setParameter("before", beforeId.orElse(Long.MAX_VALUE))
                .setMaxResults(limit);
        if (incomingOnly) {
            select.setParameter("in", Message.Direction.IN);
        }
        return select.getResultList();
    }

    @Override
    public Optional<Message> findInConversation(long conversationId, String wamid) {
        return em.createQuery("select m from Message m where m.conversationId = :c and m.wamid = :w", Message.class)
                .setParameter("c", conversationId).setParameter("w", wamid).getResultStream().findFirst();
    }

    @Override
    public Map<String, Message> findOutbound(long organisationId, Collection<String> wamids) {
        if (wamids.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("select m from Message m where m.wamid in :w and m.organisationId = :org and m.direction = :out",
                        Message.class)
                .setParameter("w", List.copyOf(Set.copyOf(wamids))).setParameter("org", organisationId)
                .setParameter("out", Message.Direction.OUT).getResultStream()
                .collect(Collectors.toMap(message -> message.wamid().orElseThrow(), message -> message, (first, same) -> first));
    }

    @Override
    public Optional<Message> findByReference(long organisationId, String referenceId) {
        return em.createQuery("select m from Message m where m.referenceId = :ref and m.organisationId = :org", Message.class)
                .setParameter("ref", referenceId).setParameter("org", organisationId).getResultStream().findFirst();
    }

    @Override
    public Optional<String> latestInboundWamid(long conversationId) {
        return em.createQuery("select m.wamid from Message m where m.conversationId = :c"
                        + " and m.direction = :in and m.wamid is not null order by m.sentAt desc, m.id desc", String.class)
                .setParameter("c", conversationId).setParameter("in", Message.Direction.IN).setMaxResults(1)
                .getResultStream().findFirst();
    }

    @Override
    public List<Long> claimDue(int limit, Duration lease) {
        // "offset 0" keeps the earlier-message check a lookup per candidate in the conversation's queued answers: as a
        // join, with statistics that did not yet know of thousands just queued, the planner read every queued answer
        // for each candidate (135 ms a claim with 10,000 queued, until the table was analyzed).
        List<?> ids = em.createNativeQuery("""
                        select m.id from whatsapp.message m
                        where m.direction = 'OUT' and m.status = 'QUEUED' and m.dispatching_since is null
                          and m.dispatch_after <= now()
                          and (m.claimed_at is null or m.claimed_at < now() - make_interval(secs => ?2))
                          and not exists (select 1 from whatsapp.message earlier
                                          where earlier.conversation_id = m.conversation_id and earlier.direction = 'OUT'
                                            and earlier.status = 'QUEUED' and earlier.id < m.id
                                          offset 0)
                        order by m.id limit ?1 for update skip locked""")
                .setParameter(1, limit).setParameter(2, (double) lease.toSeconds()).getResultList();
        List<Long> claimed = ids.stream().map(id -> ((Number) id).longValue()).toList();
        if (!claimed.isEmpty()) {
            em.createNativeQuery("update whatsapp.message set claimed_at = now() where id = any(cast(?1 as bigint[]))")
                    .setParameter(1, PostgresArrays.ofIds(claimed))
                    .executeUpdate();
        }
        return claimed;
    }

    @Override
    public List<Long> handOver(Collection<Long> messageIds) {
        if (messageIds.isEmpty()) {
            return List.of();
        }
        List<?> ids = em.createNativeQuery("""
                        update whatsapp.message set dispatching_since = now(), send_attempts = send_attempts + 1
                        where id = any(cast(?1 as bigint[])) and status = 'QUEUED' and dispatching_since is null
                          and claimed_at is not null
                        returning id""")
                .setParameter(1, PostgresArrays.ofIds(messageIds)).getResultList();
        return ids.stream().map(id -> ((Number) id).longValue()).sorted().toList();
    }

    @Override
    public List<Message> inFlightSince(Instant limit) {
        return em.createQuery("select m from Message m where m.status = :queued and m.dispatchingSince < :limit", Message.class)
                .setParameter("queued", DeliveryStatus.QUEUED).setParameter("limit", limit).getResultList();
    }
}
