package io.crmkit.whatsapp.infrastructure.persistence;

import io.crmkit.whatsapp.application.repository.TemplateRepository;
import io.crmkit.whatsapp.domain.Template;
import io.crmkit.whatsapp.domain.TemplateStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.TypedQuery;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

@ApplicationScoped
public class JpaTemplateRepository extends JpaRepository implements TemplateRepository {

    @Override
    public List<Template> list(long organisationId, Optional<TemplateStatus> status, Optional<String> language,
                               Optional<String> words) {
        String jpql = "select t from Template t where t.organisationId = :org"
                + status.map(s -> " and t.status = :status").orElse("")
                + language.map(l -> " and t.language = :language").orElse("")
                + words.map(w -> " and lower(t.name) like :words").orElse("")
                + " order by t.name, t.language";
        TypedQuery<Template> query = em.createQuery(jpql, Template.class).setParameter("org", organisationId);
        status.ifPresent(s -> query.setParameter("status", s));
        language.ifPresent(l -> query.setParameter("language", Template.normalisedLanguage(l)));
        words.ifPresent(w -> query.setParameter("words", "%" + w.toLowerCase(Locale.ROOT).strip().replace(' ', '_') + "%"));
        return query.getResultList();
    }

    @Override
    public Optional<Template> find(long organisationId, long id) {
        return findInOrganisation(Template.class, id, Template::organisationId, organisationId);
    }

    @Override
    public List<Template> ofAccount(String wabaId) {
        return em.createQuery("select t from Template t where t.wabaId = :waba order by t.id", Template.class)
                .setParameter("waba", wabaId).getResultList();
    }

    @Override
    public long countOfAccount(String wabaId) {
        return em.createQuery("select count(t) from Template t where t.wabaId = :waba", Long.class)
                .setParameter("waba", wabaId).getSingleResult();
    }

    @Override
    public Optional<Template> findByMetaId(String metaTemplateId) {
        return em.createQuery("select t from Template t where t.metaTemplateId = :id", Template.class)
                .setParameter("id", metaTemplateId).getResultStream().findFirst();
    }

    @Override
    public Optional<Template> find(String wabaId, String name, String language) {
        return em.createQuery("select t from Template t where t.wabaId = :waba and t.name = :name and t.language = :language",
                        Template.class).setParameter("waba", wabaId).setParameter("name", name)
                .setParameter("language", Template.normalisedLanguage(language)).getResultStream().findFirst();
    }

    @Override
    public void lockAccount(String wabaId) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext('whatsapp.template:' || ?))").setParameter(1, wabaId)
                .getSingleResult();
    }

    @Override
    public Template add(Template template) {
        return persistNow(template);
    }

    @Override
    public void remove(Template template) {
        em.remove(template);
    }

    @Override
    public void keepSample(long organisationId, Sample sample) {
        em.createNativeQuery("insert into whatsapp.template_sample (handle, organisation_id, mime_type, file_name, content,"
                        + " created_at) values (?, ?, ?, ?, ?, now()) on conflict (handle) do nothing")
                .setParameter(1, sample.handle()).setParameter(2, organisationId).setParameter(3, sample.mimeType())
                .setParameter(4, sample.fileName()).setParameter(5, sample.content()).executeUpdate();
    }

    @Override
    public Optional<Sample> sample(String handle) {
        List<?> rows = em.createNativeQuery("select mime_type, file_name, content from whatsapp.template_sample where handle = ?")
                .setParameter(1, handle).getResultList();
        return rows.stream().map(Object[].class::cast).findFirst()
                .map(row -> new Sample(handle, (String) row[0], (String) row[1], (byte[]) row[2]));
    }

    @Override
    public void optOutOfMarketing(long organisationId, long contactId) {
        em.createNativeQuery("insert into whatsapp.marketing_opt_out (organisation_id, contact_id, opted_out_at)"
                        + " values (?, ?, now()) on conflict do nothing")
                .setParameter(1, organisationId).setParameter(2, contactId).executeUpdate();
    }

    @Override
    public boolean optedOutOfMarketing(long organisationId, long contactId) {
        return !em.createNativeQuery("select 1 from whatsapp.marketing_opt_out where organisation_id = ? and contact_id = ?")
                .setParameter(1, organisationId).setParameter(2, contactId).getResultList().isEmpty();
    }
}
