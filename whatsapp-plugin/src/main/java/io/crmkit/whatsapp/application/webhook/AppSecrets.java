package io.crmkit.whatsapp.application.webhook;

/** The Meta app's secret, with which Meta signs every webhook delivery. */
public interface AppSecrets {

    String appSecret();
}
