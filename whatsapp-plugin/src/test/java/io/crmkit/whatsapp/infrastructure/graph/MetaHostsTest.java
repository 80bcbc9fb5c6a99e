package io.crmkit.whatsapp.infrastructure.graph;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetaHostsTest {

    @Test
    void metasMediaHostsOverHttps() {
        assertTrue(MetaHosts.servesMedia(URI.create("https://lookaside.fbsbx.com/whatsapp_business/attachments/?mid=1")));
        assertTrue(MetaHosts.servesMedia(URI.create("https://scontent.xx.fbcdn.net/v/t1/abc.jpg")));
    }

    @Test
    void anythingElseNever() {
        for (String url : new String[]{"http://lookaside.fbsbx.com/x", "https://fbsbx.com.evil.example/x",
                "https://evil-fbsbx.com/x", "https://user@lookaside.fbsbx.com/x", "https://169.254.169.254/latest",
                "https://localhost/x", "file:///etc/passwd"}) {
            assertFalse(MetaHosts.servesMedia(URI.create(url)), url);
        }
    }
}
