package io.crmkit.crm.interfaces.rest;

import io.crmkit.crm.application.Organisations;
import io.crmkit.crm.application.UserAdministration;
import io.crmkit.crm.domain.Organisation;
import io.crmkit.crm.domain.UserAccount;
import io.crmkit.crm.interfaces.security.CallerContext;
import io.crmkit.crm.interfaces.security.CsrfTokens;
import io.crmkit.crm.plugins.PluginRegistry;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.plugin.spi.CrmPlugin;
import io.crmkit.plugin.spi.LocalizedText;
import io.crmkit.plugin.spi.UiContribution;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.util.Currency;
import java.util.List;

/** What the shell and plugin screens need to know about the caller, and what the plugins contribute. */
@Path("crm")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {
    @Inject
    CallerContext caller;
    @Inject
    UserAdministration users;
    @Inject
    Organisations organisations;
    @Inject
    CsrfTokens csrfTokens;
    @Inject
    PluginRegistry plugins;
    @Context
    HttpServletRequest request;

    public record SessionView(UserSummary user, OrganisationSummary organisation, String language, String csrfToken) {
    }

    public record UserSummary(long id, String username, String name, long profileId, boolean administrator) {
    }

    /** @param currency the ISO 4217 code of the organisation's amounts, for example {@code JPY}; null if it has none */
    public record OrganisationSummary(long id, String name, String currency) {
    }

    /** The caller; {@code csrfToken} is present for browser sessions and must accompany every change. */
    @GET
    @Path("session")
    public SessionView session() {
        CurrentUser user = caller.require();
        UserAccount account = users.get(user.organisationId(), user.userId());
        HttpSession session = request.getSession(false);
        Organisation organisation = organisations.get(user.organisationId());
        return new SessionView(
                new UserSummary(user.userId(), user.username(), account.name(), user.profileId(), user.administrator()),
                new OrganisationSummary(organisation.id(), organisation.name(), organisation.currency().map(Currency::getCurrencyCode).orElse(null)),
                user.locale().getLanguage(),
                session == null ? null : csrfTokens.sessionToken(session));
    }

    public record Title(String en, String ja) {
        static Title of(LocalizedText text) {
            return new Title(text.english(), text.japanese());
        }
    }

    /**
     * One contribution the caller may see.
     *
     * @param kind     {@code MAIN_TAB}, {@code SETTINGS_SCREEN} or {@code RECORD_PANEL}
     * @param section  the settings heading, for settings screens
     * @param module   the record module, for record panels
     * @param badgeUrl where a main tab's badge count is read, if it has one
     */
    public record ContributionView(String pluginId, String id, String kind, Title title, String moduleUrl,
                                   String elementName, Title section, String module, String badgeUrl) {
    }

    public record PluginView(String id, String version, Title name) {
    }

    public record ContributionsView(List<PluginView> plugins, List<ContributionView> contributions) {
    }

    @GET
    @Path("contributions")
    public ContributionsView contributions() {
        CurrentUser user = caller.require();
        List<PluginView> installed = plugins.plugins().stream().map(CrmPlugin::descriptor)
                .map(d -> new PluginView(d.id(), d.version(), Title.of(d.name()))).toList();
        List<ContributionView> visible = plugins.contributionsVisibleTo(user).stream()
                .map(c -> view(c.pluginId(), c.contribution())).toList();
        return new ContributionsView(installed, visible);
    }

    private static ContributionView view(String pluginId, UiContribution c) {
        if (c instanceof UiContribution.SettingsScreen s) {
            return new ContributionView(pluginId, s.id(), "SETTINGS_SCREEN", Title.of(s.title()), s.moduleUrl(),
                    s.elementName(), Title.of(s.section()), null, null);
        }
        if (c instanceof UiContribution.RecordPanel p) {
            return new ContributionView(pluginId, p.id(), "RECORD_PANEL", Title.of(p.title()), p.moduleUrl(),
                    p.elementName(), null, p.module().pathSegment(), null);
        }
        UiContribution.MainTab tab = (UiContribution.MainTab) c;
        return new ContributionView(pluginId, tab.id(), "MAIN_TAB", Title.of(tab.title()), tab.moduleUrl(),
                tab.elementName(), null, null, tab.badgeUrl().orElse(null));
    }
}
