package io.crmkit.plugin.api;

import java.util.Optional;

/** Companies of one organisation. */
public interface CompanyService {

    Optional<Company> find(long companyId);

    /**
     * Companies whose name contains {@code text} (case-insensitive), newest first.
     *
     * @throws InvalidRecordException for a cursor that no earlier page of this search gave
     */
    Page<Company> search(String text, PageRequest page);

    /**
     * Creates a company with a name.
     *
     * @throws InvalidRecordException for a blank or over-long name
     */
    Company create(String name);
}
