package io.crmkit.crm.application;

import io.crmkit.crm.domain.InvalidInputException;
import io.crmkit.crm.domain.Note;
import io.crmkit.crm.domain.UnknownRecordException;
import io.crmkit.plugin.api.RecordModule;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import java.util.List;
import java.util.Optional;

/**
 * Notes on contacts, companies and pipeline records. A refusal is decided before anything is written and leaves
 * the caller's transaction usable, as plugin-api promises: a plugin may catch it and carry on in the same
 * transaction.
 */
@ApplicationScoped
@Transactional(dontRollbackOn = {InvalidInputException.class, UnknownRecordException.class})
public class NoteService {
    @PersistenceContext(unitName = "crm")
    EntityManager em;
    @Inject
    Organisations organisations;

    public Note add(long organisationId, RecordModule module, long recordId, String text, long authorId) {
        requireRecord(organisationId, module, recordId);
        organisations.requireUser(organisationId, Optional.of(authorId), "authorId");
        Note note = new Note(organisationId, module, recordId, text, authorId);
        em.persist(note);
        em.flush();
        return note;
    }

    public List<Note> list(long organisationId, RecordModule module, long recordId) {
        requireRecord(organisationId, module, recordId);
        return em.createQuery("""
                        select n from Note n where n.organisationId = :org and n.module = :module
                          and n.recordId = :record order by n.id""", Note.class)
                .setParameter("org", organisationId).setParameter("module", module).setParameter("record", recordId)
                .getResultList();
    }

    private void requireRecord(long organisationId, RecordModule module, long recordId) {
        boolean exists = switch (module) {
            case CONTACTS -> organisations.contact(organisationId, recordId).isPresent();
            case COMPANIES -> organisations.company(organisationId, recordId).isPresent();
            case PIPELINES -> organisations.deal(organisationId, recordId).isPresent();
        };
        if (!exists) {
            throw new UnknownRecordException(switch (module) {
                case CONTACTS -> UnknownRecordException.Kind.CONTACT;
                case COMPANIES -> UnknownRecordException.Kind.COMPANY;
                case PIPELINES -> UnknownRecordException.Kind.PIPELINE_RECORD;
            }, recordId);
        }
    }
}
