package io.crmkit.plugin.spi;

import io.crmkit.plugin.api.CurrentUser;

/**
 * A plugin as the host sees it. Implementations are thread-safe; {@link #descriptor()} returns the same
 * value every time.
 */
public interface CrmPlugin {

    /** Who the plugin is and what it contributes. */
    PluginDescriptor descriptor();

    /**
     * Prepares the plugin before it serves anything, for example migrating its own schema in the
     * data source named by {@link PluginContext#dataSourceName()}. Called once.
     *
     * @throws RuntimeException when the plugin cannot run; the host leaves it out and says why
     */
    default void start(PluginContext context) {
    }

    /** Releases what {@link #start} acquired. Called once at shutdown, only after a successful start. */
    default void stop() {
    }

    /**
     * Whether a user holds one of the plugin's own permissions (declared in
     * {@link PluginDescriptor#permissions()}). The host asks this to decide which contributions a user sees;
     * the plugin's own endpoints check the same rule on the server.
     *
     * <p>The default grants nothing but to administrators.
     */
    default boolean isGranted(String permissionId, CurrentUser user) {
        return user.administrator();
    }
}
