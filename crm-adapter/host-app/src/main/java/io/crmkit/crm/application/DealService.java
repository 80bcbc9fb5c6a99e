package io.crmkit.crm.application;

import io.crmkit.crm.domain.Deal;
import io.crmkit.crm.domain.InvalidInputException;
import io.crmkit.crm.domain.PipelineStage;
import io.crmkit.crm.domain.RefusalText;
import io.crmkit.crm.domain.UnknownRecordException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/**
 * Opens, changes and finds pipeline records (deals), keeping them in the organisation's stages. A refusal is
 * decided before anything is written and leaves the caller's transaction usable, as plugin-api promises: a
 * plugin may catch it and carry on in the same transaction.
 */
@ApplicationScoped
@Transactional(dontRollbackOn = {InvalidInputException.class, UnknownRecordException.class})
public class DealService {
    @PersistenceContext(unitName = "crm")
    EntityManager em;
    @Inject
    Organisations organisations;

    /** Everything a user may set on a pipeline record. */
    public record DealDraft(String name, String stage, Optional<BigDecimal> amount, Optional<Long> contactId,
                            Optional<Long> companyId, Optional<Long> ownerId) {
    }

    public List<String> stages(long organisationId) {
        return em.createQuery("select s from PipelineStage s where s.organisationId = :org order by s.position",
                        PipelineStage.class)
                .setParameter("org", organisationId).getResultList()
                .stream().map(PipelineStage::name).toList();
    }

    public Deal create(long organisationId, DealDraft draft) {
        Deal deal = checked(organisationId, draft);
        em.persist(deal);
        em.flush();
        return deal;
    }

    public Deal update(long organisationId, long dealId, DealDraft draft) {
        Deal deal = get(organisationId, dealId);
        deal.replaceDetailsWith(checked(organisationId, draft));
        return deal;
    }

    public Deal moveToStage(long organisationId, long dealId, String stage) {
        Deal deal = get(organisationId, dealId);
        deal.moveToStage(requireStage(organisationId, stage));
        return deal;
    }

    /** A new, unsaved record with the draft's fields, each checked; refuses the first field that fails. */
    private Deal checked(long organisationId, DealDraft draft) {
        Deal deal = new Deal(organisationId, draft.name(), requireStage(organisationId, draft.stage()));
        deal.estimate(draft.amount());
        deal.linkContact(organisations.requireContact(organisationId, draft.contactId(), "contactId"));
        deal.linkCompany(organisations.requireCompany(organisationId, draft.companyId(), "companyId"));
        deal.assignTo(organisations.requireUser(organisationId, draft.ownerId(), "ownerId"));
        return deal;
    }

    private String requireStage(long organisationId, String stage) {
        List<String> stages = stages(organisationId);
        if (stage == null || !stages.contains(stage.strip())) {
            throw new InvalidInputException("stage", RefusalText.UNKNOWN_STAGE, String.join(", ", stages));
        }
        return stage.strip();
    }

    public Deal get(long organisationId, long dealId) {
        return organisations.deal(organisationId, dealId)
                .orElseThrow(() -> new UnknownRecordException(UnknownRecordException.Kind.PIPELINE_RECORD, dealId));
    }

    public List<Deal> findByContact(long organisationId, long contactId) {
        return em.createQuery("select d from Deal d where d.organisationId = :org and d.contactId = :contact order by d.id desc",
                        Deal.class)
                .setParameter("org", organisationId).setParameter("contact", contactId).getResultList();
    }

    public Slice<Deal> search(long organisationId, String text, int limit, Optional<Long> afterId) {
        String pattern = Search.containsPattern(text);
        List<Deal> rows = em.createQuery("""
                        select d from Deal d where d.organisationId = :org and d.id < :after
                          and lower(d.name) like :q escape '\\' order by d.id desc""", Deal.class)
                .setParameter("org", organisationId)
                .setParameter("after", afterId.orElse(Long.MAX_VALUE))
                .setParameter("q", pattern)
                .setMaxResults(limit + 1)
                .getResultList();
        return Slice.of(rows, limit, Deal::id);
    }
}
