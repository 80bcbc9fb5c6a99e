package io.crmkit.crm.application;

import io.crmkit.crm.domain.Company;
import io.crmkit.crm.domain.InvalidInputException;
import io.crmkit.crm.domain.PhoneNumbers;
import io.crmkit.crm.domain.UnknownRecordException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/**
 * Creates, changes and finds companies of an organisation. A refusal is decided before anything is written and
 * leaves the caller's transaction usable, as plugin-api promises: a plugin may catch it and carry on in the same
 * transaction.
 */
@ApplicationScoped
@Transactional(dontRollbackOn = {InvalidInputException.class, UnknownRecordException.class})
public class CompanyService {
    @PersistenceContext(unitName = "crm")
    EntityManager em;
    @Inject
    Organisations organisations;

    /** Everything a user may set on a company. */
    public record CompanyDraft(String name, Optional<String> phone, Optional<String> website) {
    }

    public Company create(long organisationId, CompanyDraft draft) {
        Company company = checked(organisationId, draft);
        em.persist(company);
        em.flush();
        return company;
    }

    public Company update(long organisationId, long companyId, CompanyDraft draft) {
        Company company = get(organisationId, companyId);
        company.replaceDetailsWith(checked(organisationId, draft));
        return company;
    }

    /** A new, unsaved company with the draft's fields, each checked; refuses the first field that fails. */
    private Company checked(long organisationId, CompanyDraft draft) {
        String region = organisations.get(organisationId).defaultRegion();
        Company company = new Company(organisationId, draft.name());
        company.changePhone(PhoneNumbers.requireValidIfPresent("phone", draft.phone().orElse(null), region));
        company.changeWebsite(draft.website().orElse(null));
        return company;
    }

    public Company get(long organisationId, long companyId) {
        return organisations.company(organisationId, companyId)
                .orElseThrow(() -> new UnknownRecordException(UnknownRecordException.Kind.COMPANY, companyId));
    }

    public Slice<Company> search(long organisationId, String text, int limit, Optional<Long> afterId) {
        String pattern = Search.containsPattern(text);
        List<Company> rows = em.createQuery("""
                        select c from Company c where c.organisationId = :org and c.id < :after
                          and lower(c.name) like :q escape '\\' order by c.id desc""", Company.class)
                .setParameter("org", organisationId)
                .setParameter("after", afterId.orElse(Long.MAX_VALUE))
                .setParameter("q", pattern)
                .setMaxResults(limit + 1)
                .getResultList();
        return Slice.of(rows, limit, Company::id);
    }
}
