package io.crmkit.crm.plugins;

import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.plugin.spi.Access;
import io.crmkit.plugin.spi.CrmPlugin;
import io.crmkit.plugin.spi.PluginContext;
import io.crmkit.plugin.spi.UiContribution;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The installed plugins: found as CDI beans or through {@code META-INF/services}, started in id order after
 * the host is up, stopped at shutdown. Knows plugins only through the SPI.
 */
@ApplicationScoped
public class PluginRegistry {
    private static final Logger LOG = Logger.getLogger(PluginRegistry.class.getName());

    @Inject
    @Any
    Instance<CrmPlugin> cdiPlugins;
    @Inject
    CrmHost host;
    @Inject
    @ConfigProperty(name = "crm.public-base-url", defaultValue = "http://localhost:8080")
    String publicBaseUrl;
    @Inject
    @ConfigProperty(name = "crm.data-dir", defaultValue = "data")
    String dataDir;

    private final List<CrmPlugin> started = new CopyOnWriteArrayList<>();

    /** A contribution with the plugin it comes from. */
    public record PluginContribution(String pluginId, UiContribution contribution) {
    }

    public void startAll() {
        PluginContext context = new PluginContext() {
            @Override
            public CrmHost host() {
                return host;
            }

            @Override
            public String publicBaseUrl() {
                return publicBaseUrl;
            }

            @Override
            public java.nio.file.Path dataDirectory() {
                return java.nio.file.Path.of(dataDir);
            }
        };
        for (CrmPlugin plugin : discover()) {
            String id = plugin.descriptor().id();
            try {
                plugin.start(context);
                started.add(plugin);
                LOG.info(() -> "Started plugin " + id + " " + plugin.descriptor().version());
            } catch (RuntimeException failure) {
                LOG.log(Level.SEVERE, "Plugin " + id + " failed to start and is left out", failure);
            }
        }
    }

    private List<CrmPlugin> discover() {
        Map<String, CrmPlugin> byId = new LinkedHashMap<>();
        for (CrmPlugin plugin : cdiPlugins) {
            byId.putIfAbsent(plugin.descriptor().id(), plugin);
        }
        for (CrmPlugin plugin : ServiceLoader.load(CrmPlugin.class, Thread.currentThread().getContextClassLoader())) {
            byId.putIfAbsent(plugin.descriptor().id(), plugin);
        }
        List<CrmPlugin> plugins = new ArrayList<>(byId.values());
        plugins.sort(Comparator.comparing(p -> p.descriptor().id()));
        return plugins;
    }

    public void stopAll() {
        for (CrmPlugin plugin : started) {
            try {
                plugin.stop();
            } catch (RuntimeException failure) {
                LOG.log(Level.WARNING, "Plugin " + plugin.descriptor().id() + " failed to stop cleanly", failure);
            }
        }
        started.clear();
    }

    /** The plugins that started, in id order. */
    public List<CrmPlugin> plugins() {
        return List.copyOf(started);
    }

    /** Every contribution of every started plugin that the user may see, in plugin then declaration order. */
    public List<PluginContribution> contributionsVisibleTo(CurrentUser user) {
        List<PluginContribution> visible = new ArrayList<>();
        for (CrmPlugin plugin : started) {
            for (UiContribution contribution : plugin.descriptor().contributions()) {
                if (mayAccess(plugin, contribution.access(), user)) {
                    visible.add(new PluginContribution(plugin.descriptor().id(), contribution));
                }
            }
        }
        return visible;
    }

    private static boolean mayAccess(CrmPlugin plugin, Access access, CurrentUser user) {
        if (user.administrator()) {
            return true;
        }
        return access instanceof Access.Permission permission && plugin.isGranted(permission.permissionId(), user);
    }
}
