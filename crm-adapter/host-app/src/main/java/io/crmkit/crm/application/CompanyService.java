package io.crmkit.crm.application;

import io.crmkit.crm.domain.Company;
import io.crmkit.crm.domain.PhoneNumbers;
import io.crmkit.crm.domain.UnknownRecordException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/** Creates, changes and finds companies of an organisation. */
@ApplicationScoped
@Transactional
public class CompanyService {
    @PersistenceContext(unitName = "crm")
    EntityManager em;
    @Inject
    Organisations organisations;

    /** Everything a user may set on a company. */
    public record CompanyDraft(String name, Optional<String> phone, Optional<String> website) {
    }

    public Company create(long organisationId, CompanyDraft draft) {
        Company company = new Company(organisationId, draft.name());
        apply(organisationId, company, draft);
        em.persist(company);
        em.flush();
        return company;
    }

    public Company update(long organisationId, long companyId, CompanyDraft draft) {
        Company company = get(organisationId, companyId);
        company.rename(draft.name());
        apply(organisationId, company, draft);
        return company;
    }

    private void apply(long organisationId, Company company, CompanyDraft draft) {
        String region = organisations.get(organisationId).defaultRegion();
        company.changePhone(PhoneNumbers.requireValidIfPresent("phone", draft.phone().orElse(null), region));
        company.changeWebsite(draft.website().orElse(null));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Company get(long organisationId, long companyId) {
        return organisations.company(organisationId, companyId)
                .orElseThrow(() -> new UnknownRecordException("company", companyId));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
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
