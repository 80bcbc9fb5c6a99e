package io.crmkit.whatsapp.application.repository;

import io.crmkit.whatsapp.domain.Template;
import io.crmkit.whatsapp.domain.TemplateStatus;

import java.util.List;
import java.util.Optional;

/** The organisation's message templates, and which customers stopped marketing ones. */
public interface TemplateRepository {

    /**
     * The templates of an organisation by name and language, narrowed by status, language and words of the name or
     * text when given.
     */
    List<Template> list(long organisationId, Optional<TemplateStatus> status, Optional<String> language,
                        Optional<String> words);

    Optional<Template> find(long organisationId, long id);

    /** Every template of a WhatsApp Business Account, whichever organisation connected it. */
    List<Template> ofAccount(String wabaId);

    long countOfAccount(String wabaId);

    Optional<Template> findByMetaId(String metaTemplateId);

    Optional<Template> find(String wabaId, String name, String language);

    /**
     * Holds the account's templates for the rest of the transaction: a sync and a creation of the same account never
     * interleave (else a sync could import a template being created, or forget one it had not listed yet).
     */
    void lockAccount(String wabaId);

    /** Stores a new template; its id is known on return. */
    Template add(Template template);

    void remove(Template template);

    /** A header's sample file, kept to be sent again as the header of each send of the template. */
    record Sample(String handle, String mimeType, String fileName, byte[] content) {
    }

    void keepSample(long organisationId, Sample sample);

    Optional<Sample> sample(String handle);

    /** Meta said the contact stopped marketing messages (131050). */
    void optOutOfMarketing(long organisationId, long contactId);

    boolean optedOutOfMarketing(long organisationId, long contactId);
}
