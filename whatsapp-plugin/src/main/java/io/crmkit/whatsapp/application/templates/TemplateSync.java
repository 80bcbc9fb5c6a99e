package io.crmkit.whatsapp.application.templates;

import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.whatsapp.application.Permissions;
import io.crmkit.whatsapp.application.channels.AccessTokens;
import io.crmkit.whatsapp.application.meta.CloudApi;
import io.crmkit.whatsapp.application.meta.MetaTemplate;
import io.crmkit.whatsapp.application.repository.ChannelRepository;
import io.crmkit.whatsapp.application.repository.TemplateRepository;
import io.crmkit.whatsapp.domain.Channel;
import io.crmkit.whatsapp.domain.ChannelStatus;
import io.crmkit.whatsapp.domain.Template;
import io.crmkit.whatsapp.domain.TemplateCategory;
import io.crmkit.whatsapp.domain.TemplateStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Brings the templates kept here in line with Meta's list of an account, page by page: new ones are imported,
 * known ones take Meta's status and category, and ones Meta no longer lists are forgotten. It covers webhooks that
 * never arrived, templates made in Meta's own screens, and an account connected with templates already.
 */
@ApplicationScoped
public class TemplateSync {
    /** More pages than the plugin's 200 templates an account can fill; a cursor that never ends stops here. */
    private static final int PAGES_MAX = 20;

    @Inject
    TemplateRepository templates;
    @Inject
    ChannelRepository channels;
    @Inject
    CloudApi meta;
    @Inject
    AccessTokens tokens;

    private final Clock clock = Clock.systemUTC();

    /** What a sync found. */
    public record Outcome(int imported, int updated, int removed) {
        Outcome plus(Outcome other) {
            return new Outcome(imported + other.imported, updated + other.updated, removed + other.removed);
        }
    }

    /** "Sync now": every account of the administrator's organisation. */
    public Outcome syncOrganisation(CurrentUser admin) {
        Permissions.requireAdministrator(admin);
        Outcome total = new Outcome(0, 0, 0);
        for (Channel channel : oneChannelPerAccount(channels.list(admin.organisationId()))) {
            total = total.plus(MetaTemplateCalls.call(() -> syncAccount(channel)));
        }
        return total;
    }

    /** Every connected account of every organisation, for the background poll. */
    public List<Channel> accountsToPoll() {
        return oneChannelPerAccount(channels.connected());
    }

    private static List<Channel> oneChannelPerAccount(List<Channel> candidates) {
        Set<String> accounts = new HashSet<>();
        return candidates.stream().filter(c -> c.status() == ChannelStatus.CONNECTED)
                .filter(c -> accounts.add(c.organisationId() + "/" + c.wabaId())).toList();
    }

    /** Reads the account's whole list from Meta and applies it, in one transaction. */
    @Transactional
    public Outcome syncAccount(Channel channel) {
        templates.lockAccount(channel.wabaId());
        String token = tokens.of(channel);
        Set<String> listed = new HashSet<>();
        int imported = 0;
        int updated = 0;
        Optional<String> after = Optional.empty();
        int pages = 0;
        do {
            MetaTemplate.Page page = meta.templates(token, channel.wabaId(), after);
            for (MetaTemplate found : page.templates()) {
                listed.add(found.id());
                Optional<TemplateStatus> status = TemplateStatus.fromMeta(found.status());
                Optional<TemplateCategory> category = TemplateReviews.category(found.category());
                if (status.isEmpty() || category.isEmpty()) {
                    continue;
                }
                Optional<Template> known = templates.findByMetaId(found.id())
                        .or(() -> templates.find(channel.wabaId(), found.name(), found.language()))
                        .filter(template -> template.organisationId() == channel.organisationId());
                if (known.isPresent()) {
                    known.get().refreshedFromMeta(found.id(), status.get(), category.get(), found.content(), clock.instant());
                    if (status.get() == TemplateStatus.REJECTED && known.get().statusReason().isEmpty()) {
                        known.get().reviewed(TemplateStatus.REJECTED, found.reason(), Optional.empty(), clock.instant());
                    }
                    updated++;
                } else {
                    templates.add(Template.imported(channel.organisationId(), channel.wabaId(), found.id(), found.name(),
                            found.language(), category.get(), status.get(), found.content(), clock.instant()));
                    imported++;
                }
            }
            after = page.after();
        } while (after.isPresent() && ++pages < PAGES_MAX);
        int removed = 0;
        if (after.isEmpty()) {
            for (Template template : templates.ofAccount(channel.wabaId())) {
                if (template.organisationId() == channel.organisationId()
                        && template.metaTemplateId().filter(id -> !listed.contains(id)).isPresent()) {
                    templates.remove(template);
                    removed++;
                }
            }
        }
        return new Outcome(imported, updated, removed);
    }
}
