package io.crmkit.whatsapp.infrastructure;

import io.crmkit.plugin.spi.PluginContext;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.file.Path;

/**
 * What the host told the plugin when it started ({@link PluginContext}): the plugin learns its address and its
 * folder from its contract, never from the reference host's own settings.
 */
@ApplicationScoped
public class PluginRuntime {
    /** The plugin's subfolder of the host's data folder: its id. */
    private static final String FOLDER = "whatsapp";

    private volatile PluginContext context;

    /** Called first thing when the plugin starts. */
    public void started(PluginContext startedWith) {
        this.context = startedWith;
    }

    /** Where this server is reachable from outside. */
    public String publicBaseUrl() {
        return context().publicBaseUrl();
    }

    /** The plugin's own folder for files kept across restarts. */
    public Path dataDirectory() {
        return context().dataDirectory().resolve(FOLDER);
    }

    private PluginContext context() {
        PluginContext known = context;
        if (known == null) {
            throw new IllegalStateException("the WhatsApp plugin has not been started by its host yet");
        }
        return known;
    }
}
