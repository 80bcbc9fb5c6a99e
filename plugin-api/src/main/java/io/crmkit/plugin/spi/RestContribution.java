package io.crmkit.plugin.spi;

import java.util.Set;

/**
 * The JAX-RS resources and providers a plugin serves under the host's REST root ({@code /api}), behind
 * the host's authentication.
 *
 * <p>Registered in {@code META-INF/services/io.crmkit.plugin.spi.RestContribution}; the host reads it when
 * its REST application starts, before any plugin is started, so implementations must have a public no-arg
 * constructor and must not need CDI. The classes themselves may be CDI beans.
 *
 * <p>Resource paths start with the plugin's id (for example {@code @Path("whatsapp/channels")}), so that
 * plugins never collide with the host or each other. A plugin that needs public endpoints outside host
 * login (a webhook, say) serves them from a JAX-RS application of its own with an explicit class list.
 */
public interface RestContribution {

    /** Resource and provider classes; the same set every time. */
    Set<Class<?>> classes();
}
