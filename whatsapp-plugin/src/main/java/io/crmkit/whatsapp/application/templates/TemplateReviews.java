package io.crmkit.whatsapp.application.templates;

import io.crmkit.whatsapp.application.meta.TemplateUpdate;
import io.crmkit.whatsapp.application.repository.TemplateRepository;
import io.crmkit.whatsapp.domain.Channel;
import io.crmkit.whatsapp.domain.Template;
import io.crmkit.whatsapp.domain.TemplateCategory;
import io.crmkit.whatsapp.domain.TemplateStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Meta's template webhooks applied to the templates kept here: review outcomes, category changes and quality
 * ratings. A template not known here yet (made in Meta's own screens) arrives with the next sync.
 */
@ApplicationScoped
public class TemplateReviews {
    private static final Logger LOG = Logger.getLogger(TemplateReviews.class.getName());

    @Inject
    TemplateRepository templates;

    private final Clock clock = Clock.systemUTC();

    /** Runs in the caller's transaction (the webhook drain's). */
    public void apply(Channel channel, TemplateUpdate update) {
        Optional<Template> known = update.metaTemplateId().flatMap(templates::findByMetaId)
                .or(() -> templates.find(channel.wabaId(), update.name(), update.language()))
                .filter(template -> template.wabaId().equals(channel.wabaId()));
        if (known.isEmpty()) {
            LOG.log(Level.FINE, "A template update for {0} ({1}) of account {2}, not known here yet: the next sync imports it",
                    new Object[]{update.name(), update.language(), channel.wabaId()});
            return;
        }
        Template template = known.get();
        if (update instanceof TemplateUpdate.StatusChanged changed) {
            if (TemplateStatus.deletedAtMeta(changed.event())) {
                templates.remove(template);
                return;
            }
            TemplateStatus.fromMeta(changed.event()).ifPresent(status ->
                    template.reviewed(status, changed.reason(), changed.recommendation(), clock.instant()));
        } else if (update instanceof TemplateUpdate.CategoryChanged changed) {
            category(changed.newCategory()).ifPresent(category -> template.recategorised(category, clock.instant()));
        } else if (update instanceof TemplateUpdate.QualityChanged changed) {
            template.qualityRated(changed.newScore(), clock.instant());
        }
    }

    static Optional<TemplateCategory> category(String word) {
        try {
            return Optional.of(TemplateCategory.valueOf(word.strip().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
    }
}
