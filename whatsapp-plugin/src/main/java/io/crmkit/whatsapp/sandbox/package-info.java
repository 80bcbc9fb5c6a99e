/**
 * The built-in emulator of Meta's WhatsApp Cloud API, served under {@code /sandbox} when
 * {@code WHATSAPP_SANDBOX_ENABLED} is true (the demo's default): the Graph API paths the plugin uses with
 * Meta's bodies and errors, signed webhooks back to the plugin, a customer to play, and fault injection
 * for tests. The plugin's client talks to it over HTTP exactly as to Meta.
 */
package io.crmkit.whatsapp.sandbox;
