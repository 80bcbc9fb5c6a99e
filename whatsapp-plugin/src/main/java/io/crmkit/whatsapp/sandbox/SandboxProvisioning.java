package io.crmkit.whatsapp.sandbox;

import io.crmkit.whatsapp.application.Jsonp;
import io.crmkit.whatsapp.application.channels.TestNumbers;
import io.crmkit.whatsapp.application.meta.MetaError;
import io.crmkit.whatsapp.application.meta.TransientMetaException;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import io.crmkit.whatsapp.infrastructure.PublicAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks the built-in sandbox, over HTTP like any client of it, for a test number. */
@ApplicationScoped
public class SandboxProvisioning implements TestNumbers {
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @Inject
    SandboxSwitch sandbox;
    @Inject
    PublicAddress publicAddress;
    @Inject
    SandboxAccess access;

    @Override
    public TestNumber provision() {
        return ask("/sandbox/api/test-numbers");
    }

    @Override
    public TestNumber reissue(String wabaId) {
        return ask("/sandbox/api/accounts/" + java.net.URLEncoder.encode(wabaId, java.nio.charset.StandardCharsets.UTF_8)
                + "/tokens");
    }

    private TestNumber ask(String path) {
        if (!sandbox.isOn()) {
            throw Refusal.invalid("mode", RefusalText.SANDBOX_OFF);
        }
        URI uri = URI.create(publicAddress.of(path));
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10))
                    .header(SandboxAccess.KEY_HEADER, access.installationKey())
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 404) {
                throw Refusal.invalid("mode", RefusalText.SANDBOX_FORGOT_NUMBER);
            }
            if (answer.statusCode() != 200) {
                throw new TransientMetaException(MetaError.network("the sandbox answered HTTP " + answer.statusCode()));
            }
            JsonObject number = Jsonp.createReader(new StringReader(answer.body())).readObject();
            return new TestNumber(number.getString("wabaId"), number.getString("phoneNumberId"),
                    number.getString("accessToken"));
        } catch (IOException unreachable) {
            throw new TransientMetaException(MetaError.network("the sandbox cannot be reached at " + uri));
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new TransientMetaException(MetaError.network("interrupted"));
        }
    }
}
