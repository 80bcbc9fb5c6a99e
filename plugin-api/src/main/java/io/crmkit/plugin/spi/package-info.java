/**
 * What a plugin implements: its descriptor and lifecycle, the screens it contributes to the host's UI,
 * and the permissions it declares. Version 1.
 *
 * <p><b>Who it is for.</b> Plugin authors implement {@link io.crmkit.plugin.spi.CrmPlugin}; host authors
 * discover plugins and draw their contributions.
 *
 * <p><b>Packaging and discovery.</b> A plugin is one jar in the host application's {@code WEB-INF/lib}.
 * The host finds its {@link io.crmkit.plugin.spi.CrmPlugin} either as a CDI bean (the jar has a
 * {@code beans.xml}; the plugin may then inject {@link io.crmkit.plugin.api.CrmHost}) or, for plugins
 * without CDI, through {@code META-INF/services/io.crmkit.plugin.spi.CrmPlugin}. A plugin found both ways
 * counts once, by {@link io.crmkit.plugin.spi.PluginDescriptor#id()}. The host never refers to a plugin's
 * classes; the plugin never refers to the host's.
 *
 * <p><b>Web assets.</b> Files under {@code META-INF/resources/} of the plugin jar are served by the host at
 * the web root. A contribution names a JavaScript module there and the custom element it defines; the host
 * loads the module and places the element, setting the attributes documented on
 * {@link io.crmkit.plugin.spi.UiContribution}.
 *
 * <p><b>Lifecycle.</b> After its own start-up (its schema migrated), the host calls
 * {@link io.crmkit.plugin.spi.CrmPlugin#start} once per plugin, in descriptor-id order, on one thread,
 * before it serves any plugin screen; and {@link io.crmkit.plugin.spi.CrmPlugin#stop} once at shutdown. A
 * plugin whose {@code start} throws is reported and left out of the UI; the host keeps running.
 *
 * <p><b>Nulls and evolution</b> follow {@link io.crmkit.plugin.api}: no nulls, additions only.
 *
 * <p><b>Not an extension point in version 1: messaging channels.</b> A channel is not a function that sends a
 * text: WhatsApp needs an outbox that stores before sending, delivery statuses that arrive later by webhook,
 * files, a 24-hour reply window and templates, and another channel would need its own rules. A plugin such as
 * the WhatsApp plugin therefore brings its channel whole (settings screen, tab, permissions), and a later version
 * may add a channel contract once a second channel shows what it must hold.
 */
package io.crmkit.plugin.spi;
