package io.crmkit.whatsapp.interfaces.webhook;

import io.crmkit.whatsapp.application.webhook.WebhookIntake;
import io.crmkit.whatsapp.domain.ProblemCode;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import io.crmkit.whatsapp.infrastructure.InstallationSecrets;
import io.crmkit.whatsapp.interfaces.rest.Problems;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code /webhooks/whatsapp}: Meta's verification handshake and its deliveries. Thin: read the raw bytes
 * (at most 3 MB), hand them to the intake, answer. 200 only once the events are stored.
 */
@Path("whatsapp")
@RequestScoped
public class WhatsAppWebhookResource {
    @Inject
    WebhookIntake intake;
    @Inject
    InstallationSecrets secrets;

    @GET
    public Response verify(@QueryParam("hub.mode") String mode, @QueryParam("hub.verify_token") String token,
                           @QueryParam("hub.challenge") String challenge) {
        boolean tokenMatches = token != null && MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8), secrets.verifyToken().getBytes(StandardCharsets.UTF_8));
        if (!"subscribe".equals(mode) || !tokenMatches || challenge == null) {
            return Problems.of(new Refusal(ProblemCode.FORBIDDEN, RefusalText.VERIFY_TOKEN_MISMATCH), Locale.ENGLISH);
        }
        return Response.ok(challenge, MediaType.TEXT_PLAIN_TYPE).build();
    }

    @POST
    public Response deliver(@HeaderParam("X-Hub-Signature-256") String signature,
                            @HeaderParam("Content-Length") Long declaredLength, InputStream body) throws IOException {
        if (declaredLength != null && declaredLength > WebhookIntake.MAX_BYTES) {
            return tooLarge();
        }
        Optional<byte[]> raw = readAtMost(body, WebhookIntake.MAX_BYTES);
        if (raw.isEmpty()) {
            return tooLarge();
        }
        WebhookIntake.Outcome outcome = intake.accept(raw.get(), signature);
        return Response.ok("{\"stored\":" + outcome.stored() + ",\"duplicates\":" + outcome.duplicates()
                + ",\"ignored\":" + outcome.ignored() + "}", MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Refuses without reading the rest of the body, and closes the connection so the sender stops. */
    private static Response tooLarge() {
        return Response.fromResponse(Problems.of(new Refusal(ProblemCode.PAYLOAD_TOO_LARGE, RefusalText.WEBHOOK_TOO_LARGE),
                Locale.ENGLISH)).header("Connection", "close").build();
    }

    private static Optional<byte[]> readAtMost(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buffer = new byte[8192];
        int total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > limit) {
                return Optional.empty();
            }
            out.write(buffer, 0, n);
        }
        return Optional.of(out.toByteArray());
    }
}
