/**
 * Meta's WhatsApp Cloud API as the plugin's use cases see it: a port ({@link io.crmkit.whatsapp.application.meta.CloudApi})
 * with records in the plugin's own terms, and failures split by what the caller should do about them.
 * The Graph API's JSON stays in the infrastructure's client, the anti-corruption layer.
 */
package io.crmkit.whatsapp.application.meta;
