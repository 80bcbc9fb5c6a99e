/**
 * The WhatsApp Business plugin. Layers: {@code domain} (the model and its rules), {@code application}
 * (use cases), {@code infrastructure} (persistence, schema), {@code interfaces} (what the host and users
 * reach: the plugin descriptor, REST, UI assets under {@code META-INF/resources/whatsapp}). Everything
 * outside plugin-api is internal to the plugin.
 */
package io.crmkit.whatsapp;
