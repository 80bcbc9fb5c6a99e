package io.crmkit.whatsapp.interfaces;

import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.plugin.api.RecordModule;
import io.crmkit.plugin.spi.Access;
import io.crmkit.plugin.spi.CrmPlugin;
import io.crmkit.plugin.spi.LocalizedText;
import io.crmkit.plugin.spi.PermissionDeclaration;
import io.crmkit.plugin.spi.PluginContext;
import io.crmkit.plugin.spi.PluginDescriptor;
import io.crmkit.plugin.spi.UiContribution.MainTab;
import io.crmkit.plugin.spi.UiContribution.RecordPanel;
import io.crmkit.plugin.spi.UiContribution.SettingsScreen;
import io.crmkit.whatsapp.application.Permissions;
import io.crmkit.whatsapp.application.channels.ChannelHealthCheck;
import io.crmkit.whatsapp.application.inbound.MediaDownloads;
import io.crmkit.whatsapp.application.inbound.WebhookEventDrain;
import io.crmkit.whatsapp.application.outbound.Dispatcher;
import io.crmkit.whatsapp.application.credits.CreditPurchases;
import io.crmkit.whatsapp.application.templates.TemplatePolling;
import io.crmkit.whatsapp.domain.AccessLevel;
import io.crmkit.whatsapp.infrastructure.InstallationSecrets;
import io.crmkit.whatsapp.infrastructure.SchemaMigration;
import io.crmkit.whatsapp.infrastructure.live.ClusterRelay;
import io.crmkit.whatsapp.interfaces.health.InboundMetrics;
import io.crmkit.whatsapp.sandbox.SandboxState;
import io.crmkit.whatsapp.sandbox.SandboxSwitch;
import io.crmkit.whatsapp.sandbox.SandboxTimers;
import io.crmkit.whatsapp.sandbox.SandboxWebhooks;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Optional;

/** The WhatsApp plugin as the host sees it: its screens, its permissions, its start-up. */
@ApplicationScoped
public class WhatsAppPlugin implements CrmPlugin {
    public static final String ID = "whatsapp";
    public static final String VERSION = "1.0.0";
    private static final String RECORD_PANEL = "/whatsapp/ui/record-panel.js";
    private static final LocalizedText MESSAGES = new LocalizedText("Messages", "メッセージ");
    private static final LocalizedText CHANNELS = new LocalizedText("Channels", "チャネル");

    static final PluginDescriptor DESCRIPTOR = new PluginDescriptor(ID, VERSION,
            new LocalizedText("WhatsApp Business", "WhatsApp Business"),
            List.of(
                    new MainTab("messages", MESSAGES, "/whatsapp/ui/messages-tab.js", "whatsapp-messages-tab",
                            Access.permission(AccessLevel.VIEW_ONLY.name()), Optional.of("/api/whatsapp/unread-count")),
                    new SettingsScreen("channels", CHANNELS, MESSAGES, "/whatsapp/ui/channels-settings.js",
                            "whatsapp-channels-settings",
                            Access.administrators()),
                    new SettingsScreen("templates", MESSAGES, new LocalizedText("Templates", "テンプレート"),
                            "/whatsapp/ui/templates-settings.js", "whatsapp-templates-settings", Access.administrators()),
                    new SettingsScreen("quick-replies", MESSAGES, new LocalizedText("Quick replies", "クイック返信"),
                            "/whatsapp/ui/quick-replies-settings.js", "whatsapp-quick-replies-settings",
                            Access.administrators()),
                    new SettingsScreen("permissions", MESSAGES, new LocalizedText("Permissions", "権限"),
                            "/whatsapp/ui/permissions-settings.js",
                            "whatsapp-permissions-settings", Access.administrators()),
                    new SettingsScreen("delivery-problems", MESSAGES,
                            new LocalizedText("Delivery problems", "配信の問題"),
                            "/whatsapp/ui/delivery-problems-settings.js", "whatsapp-delivery-problems-settings",
                            Access.administrators()),
                    new SettingsScreen("credits", MESSAGES, new LocalizedText("Credits", "クレジット"),
                            "/whatsapp/ui/credits-settings.js",
                            "whatsapp-credits-settings", Access.administrators()),
                    new RecordPanel("contact-messages", RecordModule.CONTACTS,
                            new LocalizedText("WhatsApp messages", "WhatsApp メッセージ"), RECORD_PANEL,
                            "whatsapp-record-panel", Access.permission(AccessLevel.VIEW_ONLY.name())),
                    new RecordPanel("pipeline-messages", RecordModule.PIPELINES,
                            new LocalizedText("WhatsApp messages", "WhatsApp メッセージ"), RECORD_PANEL,
                            "whatsapp-record-panel", Access.permission(AccessLevel.VIEW_ONLY.name()))),
            List.of(
                    new PermissionDeclaration(AccessLevel.VIEW_AND_REPLY.name(),
                            new LocalizedText("View and reply", "表示と返信"),
                            new LocalizedText("Read WhatsApp conversations and answer them.",
                                    "WhatsApp の会話を読み、返信できます。")),
                    new PermissionDeclaration(AccessLevel.VIEW_ONLY.name(),
                            new LocalizedText("View incoming messages only", "受信メッセージの表示のみ"),
                            new LocalizedText("Read incoming WhatsApp messages without answering.",
                                    "WhatsApp の受信メッセージを読むことだけができます。"))));

    @Inject
    io.crmkit.whatsapp.infrastructure.PluginRuntime runtime;
    @Inject
    SchemaMigration schema;
    @Inject
    Permissions permissions;
    @Inject
    InstallationSecrets secrets;
    @Inject
    ChannelHealthCheck healthCheck;
    @Inject
    TemplatePolling templatePolling;
    @Inject
    CreditPurchases creditPurchases;
    @Inject
    WebhookEventDrain inbound;
    @Inject
    MediaDownloads media;
    @Inject
    ClusterRelay liveRelay;
    @Inject
    Dispatcher dispatcher;
    @Inject
    SandboxSwitch sandbox;
    @Inject
    SandboxState sandboxState;
    @Inject
    SandboxTimers sandboxTimers;
    @Inject
    SandboxWebhooks sandboxWebhooks;
    @Inject
    InboundMetrics inboundMetrics;

    @Override
    public PluginDescriptor descriptor() {
        return DESCRIPTOR;
    }

    @Override
    public void start(PluginContext context) {
        runtime.started(context);
        schema.migrate(context.dataSourceName());
        if (sandbox.isOn()) {
            sandboxState.restore();
            sandboxTimers.start();
        }
        secrets.ensureInstalled();
        healthCheck.start();
        templatePolling.start();
        creditPurchases.start();
        liveRelay.start();
        inbound.start();
        inboundMetrics.start();
        media.start();
        dispatcher.start();
        if (sandbox.isOn()) {
            sandboxWebhooks.resumePendingDeliveries();
        }
    }

    @Override
    public void stop() {
        dispatcher.stop();
        media.stop();
        inbound.stop();
        liveRelay.stop();
        sandboxTimers.stop();
        healthCheck.stop();
        templatePolling.stop();
        creditPurchases.stop();
    }

    /** {@code VIEW_ONLY} is held by every level that can view; {@code VIEW_AND_REPLY} only by itself. */
    @Override
    public boolean isGranted(String permissionId, CurrentUser user) {
        AccessLevel needed;
        try {
            needed = AccessLevel.valueOf(permissionId);
        } catch (IllegalArgumentException undeclared) {
            return false;
        }
        return permissions.levelOf(user).includes(needed);
    }
}
