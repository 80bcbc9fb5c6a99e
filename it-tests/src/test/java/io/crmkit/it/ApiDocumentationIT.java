package io.crmkit.it;

import io.crmkit.it.support.ApiDocumentation;
import io.crmkit.it.support.ApiDocumentation.Differences;
import io.crmkit.it.support.ApiDocumentation.Operation;
import io.crmkit.it.support.Deployments;
import io.crmkit.plugin.api.BaseUrl;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.SortedSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The HTTP contract in {@code docs/api.md} lists every operation the running application publishes at
 * {@code /openapi}, and no other: an endpoint added, moved or removed without its line in the contract fails
 * here, naming it.
 * <p>
 * Payara describes the resources of the war's own classes; those of a jar in {@code WEB-INF/lib} (the plugin's) only
 * with its configuration {@code mp.openapi.extensions.scan.lib=true}. Without it, every operation of the plugin is
 * reported as listed here and missing from {@code /openapi}.
 */
@ExtendWith(ArquillianExtension.class)
class ApiDocumentationIT {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application();
    }

    @Test
    void theContractListsEveryPublishedOperationAndNoOther() throws Exception {
        SortedSet<Operation> published = ApiDocumentation.published(openApi());
        SortedSet<Operation> documented = ApiDocumentation.documented(Files.readString(contract()));
        assertFalse(published.isEmpty(), "/openapi publishes no operation");

        Differences differences = ApiDocumentation.compare(published, documented);

        assertTrue(differences.none(), differences.describe());
    }

    /** {@code docs/api.md}, in the folder the build names ({@code it.docs.dir}). */
    private static Path contract() {
        String folder = System.getProperty("it.docs.dir");
        assertTrue(folder != null && !folder.isBlank(), "the build names the docs folder in the system property it.docs.dir");
        Path contract = Path.of(folder, "api.md");
        assertTrue(Files.isRegularFile(contract), "no contract at " + contract.toAbsolutePath());
        return contract;
    }

    /** The OpenAPI document as JSON: asked for by media type, else by MicroProfile OpenAPI's format parameter. */
    private JsonObject openApi() throws IOException, InterruptedException {
        BaseUrl server = BaseUrl.of(base);
        String body = fetch(server.resolve("openapi"));
        if (!body.stripLeading().startsWith("{")) {
            body = fetch(server.resolve("openapi?format=JSON"));
        }
        return Json.createReader(new StringReader(body)).readObject();
    }

    private static String fetch(URI address) throws IOException, InterruptedException {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(address).header("Accept", "application/json")
                .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), () -> address + " answered: " + answer.body());
        return answer.body();
    }
}
