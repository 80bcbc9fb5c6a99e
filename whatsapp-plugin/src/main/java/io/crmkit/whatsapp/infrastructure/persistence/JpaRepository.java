package io.crmkit.whatsapp.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;

/** What the repositories share: the plugin's persistence unit, joined to the caller's transaction. */
abstract class JpaRepository {
    @PersistenceContext(unitName = "whatsapp")
    EntityManager em;

    /** Stores a new entity now, so that its generated id is known and later queries find it. */
    <T> T persistNow(T entity) {
        em.persist(entity);
        em.flush();
        return entity;
    }

    /** The entities with these ids, by id, read in one query; an unknown id is left out. */
    <T> Map<Long, T> byId(Class<T> type, Collection<Long> ids, ToLongFunction<T> idOf) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return em.createQuery("select e from " + type.getSimpleName() + " e where e.id in :ids", type)
                .setParameter("ids", List.copyOf(Set.copyOf(ids))).getResultStream()
                .collect(Collectors.toMap(idOf::applyAsLong, Function.identity()));
    }

    /** Every entity of the organisation, ordered by one of its fields. */
    <T> List<T> listOfOrganisation(Class<T> type, long organisationId, String orderedBy) {
        return em.createQuery("select e from " + type.getSimpleName() + " e where e.organisationId = :org order by e."
                + orderedBy, type).setParameter("org", organisationId).getResultList();
    }

    /** The entity with this id if it belongs to the organisation; another organisation's is not there. */
    <T> Optional<T> findInOrganisation(Class<T> type, Object id, ToLongFunction<T> organisationOf, long organisationId) {
        return Optional.ofNullable(em.find(type, id)).filter(found -> organisationOf.applyAsLong(found) == organisationId);
    }
}
