package io.crmkit.whatsapp.infrastructure.persistence;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.util.List;
import java.util.Optional;
import java.util.function.ToLongFunction;

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
