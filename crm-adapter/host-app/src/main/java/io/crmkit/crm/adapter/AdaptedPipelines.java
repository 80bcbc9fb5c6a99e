package io.crmkit.crm.adapter;

import io.crmkit.crm.application.DealService.DealDraft;
import io.crmkit.crm.application.DealService;
import io.crmkit.crm.application.Organisations;
import io.crmkit.crm.domain.Deal;
import io.crmkit.crm.domain.PipelineStage;
import io.crmkit.plugin.api.NewPipelineRecord;
import io.crmkit.plugin.api.PipelineRecord;
import io.crmkit.plugin.api.PipelineRecordChanges;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static io.crmkit.crm.adapter.AdaptedServices.translated;

/** Pipeline records of one organisation, for plugins. */
final class AdaptedPipelines implements io.crmkit.plugin.api.PipelineService {
    private final long org;
    private final Organisations organisations;
    private final DealService deals;

    AdaptedPipelines(long org, Organisations organisations, DealService deals) {
        this.org = org;
        this.organisations = organisations;
        this.deals = deals;
    }

    static PipelineRecord toApi(Deal d) {
        return new PipelineRecord(d.id(), d.name(), d.stage(), d.amount(), d.contactId(), d.companyId(), d.ownerId());
    }

    @Override
    public List<String> stages() {
        return deals.stages(org);
    }

    @Override
    public String stageLabel(String stage, Locale language) {
        return PipelineStage.labelIn(stage, language);
    }

    @Override
    public Optional<PipelineRecord> find(long recordId) {
        return organisations.deal(org, recordId).map(AdaptedPipelines::toApi);
    }

    @Override
    public List<PipelineRecord> findByContact(long contactId) {
        return deals.findByContact(org, contactId).stream().map(AdaptedPipelines::toApi).toList();
    }

    @Override
    public PipelineRecord create(NewPipelineRecord r) {
        return translated(() -> toApi(deals.create(org,
                new DealDraft(r.name(), r.stage(), r.amount(), r.contactId(), r.companyId(), r.ownerId()))));
    }

    @Override
    public PipelineRecord moveToStage(long recordId, String stage) {
        return translated(() -> toApi(deals.moveToStage(org, recordId, stage)));
    }

    @Override
    public PipelineRecord update(long recordId, PipelineRecordChanges changes) {
        return translated(() -> {
            Deal current = deals.get(org, recordId);
            return toApi(deals.update(org, recordId, new DealDraft(current.name(), changes.stage().orElse(current.stage()),
                    changes.amount().or(current::amount), current.contactId(), current.companyId(),
                    changes.ownerId().or(current::ownerId))));
        });
    }
}
