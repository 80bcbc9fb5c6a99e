package io.crmkit.crm.adapter;

import io.crmkit.crm.application.CompanyService;
import io.crmkit.crm.application.CompanyService.CompanyDraft;
import io.crmkit.crm.application.Organisations;
import io.crmkit.plugin.api.Company;
import io.crmkit.plugin.api.Page;
import io.crmkit.plugin.api.PageRequest;

import java.util.Optional;

import static io.crmkit.crm.adapter.AdaptedServices.translated;

/** Companies of one organisation, for plugins. */
final class AdaptedCompanies implements io.crmkit.plugin.api.CompanyService {
    private final long org;
    private final Organisations organisations;
    private final CompanyService companies;

    AdaptedCompanies(long org, Organisations organisations, CompanyService companies) {
        this.org = org;
        this.organisations = organisations;
        this.companies = companies;
    }

    static Company toApi(io.crmkit.crm.domain.Company c) {
        return new Company(c.id(), c.name(), c.phone(), c.website());
    }

    @Override
    public Optional<Company> find(long companyId) {
        return organisations.company(org, companyId).map(AdaptedCompanies::toApi);
    }

    @Override
    public Page<Company> search(String text, PageRequest page) {
        return translated(() -> AdaptedServices.page(
                companies.search(org, text, page.limit(), AdaptedServices.afterId(page)).map(AdaptedCompanies::toApi)));
    }

    @Override
    public Company create(String name) {
        return translated(() -> toApi(companies.create(org, new CompanyDraft(name, Optional.empty(), Optional.empty()))));
    }
}
