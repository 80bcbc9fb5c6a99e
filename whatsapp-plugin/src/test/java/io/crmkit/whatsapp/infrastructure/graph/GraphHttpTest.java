package io.crmkit.whatsapp.infrastructure.graph;

import com.sun.net.httpserver.HttpServer;
import io.crmkit.whatsapp.application.meta.TransientMetaException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GraphHttpTest {
    private HttpServer meta;
    private final CountDownLatch released = new CountDownLatch(1);

    @BeforeEach
    void metaThatBreaksOffItsAnswerAndKeepsTheConnectionOpen() throws IOException {
        meta = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        meta.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, 4096);
            OutputStream body = exchange.getResponseBody();
            body.write("{\"messaging_pro".getBytes(StandardCharsets.US_ASCII));
            body.flush();
            try {
                released.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException stopped) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        meta.start();
    }

    @AfterEach
    void stop() {
        released.countDown();
        meta.stop(0);
    }

    @Test
    void anAnswerThatNeverArrivesWholeFailsTheCallWithinItsTimeLimit() {
        GraphHttp graph = new GraphHttp(Duration.ofMillis(500));
        URI uri = URI.create("http://127.0.0.1:" + meta.getAddress().getPort() + "/v21.0/123/messages");
        TransientMetaException noAnswer = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(TransientMetaException.class, () -> graph.get(uri, Optional.of("token"))),
                "the headers came at once, the rest of the answer never: the call must not wait for it forever");
        assertTrue(noAnswer.getMessage().contains("no answer"), noAnswer.getMessage());
    }
}
