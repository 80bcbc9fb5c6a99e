package io.crmkit.whatsapp.sandbox;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CallbackUrlsTest {
    private static final String OWN = "https://crm.example.com/webhooks/whatsapp";

    @Test
    void thisInstallationsWebhookAndServersOnThisMachineAreAllowed() {
        for (String url : new String[]{OWN, "http://localhost:8181/webhooks/whatsapp", "http://127.0.0.1:9/x",
                "https://[::1]:8443/webhooks/whatsapp", "http://127.8.9.10/"}) {
            assertEquals(Optional.of(URI.create(url)), CallbackUrls.allowed(url, OWN), url);
        }
    }

    @Test
    void otherHostsAndTricksAreNot() {
        for (String url : new String[]{"http://10.0.0.5/", "http://192.168.1.1:8080/admin", "http://metadata.internal/",
                "http://localhost.evil.example/", "http://127.0.0.1@evil.example/", "http://user@localhost/",
                "file:///etc/passwd", "gopher://localhost/", "ftp://127.0.0.1/", "not a url", "",
                "https://crm.example.com/webhooks/whatsapp/../admin", "http://0x7f000001/"}) {
            assertEquals(Optional.empty(), CallbackUrls.allowed(url, OWN), url);
        }
    }
}
