package io.crmkit.whatsapp.interfaces.rest;

import io.crmkit.plugin.spi.RestContribution;

import java.util.Set;

/** The plugin's resources under the host's {@code /api}, behind host login. */
public class WhatsAppRestContribution implements RestContribution {
    @Override
    public Set<Class<?>> classes() {
        return Set.of(ChannelsResource.class, SettingsResource.class, ConversationsResource.class, EventsResource.class,
                PermissionsResource.class, QuickRepliesResource.class, DeliveryProblemsResource.class, UsersResource.class,
                MergeFieldsResource.class, TemplatesResource.class, CreditsResource.class, ChatsResource.class, ContactsResource.class,
                UploadGate.class, AdministratorGate.class, Problems.RefusalMapper.class);
    }
}
