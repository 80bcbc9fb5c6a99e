package io.crmkit.it.support;

import io.crmkit.plugin.api.BaseUrl;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonStructure;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

/** A small HTTP client of the application's REST API, as an API client with HTTP Basic credentials. */
public final class ApiClient {
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    /** The sandbox key of the test deployments ({@code whatsapp.sandbox.test-key} in arquillian.xml). */
    public static final String SANDBOX_TEST_KEY = "test-sandbox-key";

    private final BaseUrl base;
    private final Optional<String> authorization;
    private final Optional<String> sandboxKey;
    /** The client's address as a trusted reverse proxy tells it ({@code X-Forwarded-For}), when the client is behind one. */
    private Optional<String> forwardedFor = Optional.empty();

    private ApiClient(BaseUrl base, Optional<String> authorization, Optional<String> sandboxKey) {
        this.base = base;
        this.authorization = authorization;
        this.sandboxKey = sandboxKey;
    }

    public static ApiClient anonymous(URL base) {
        return new ApiClient(BaseUrl.of(base), Optional.empty(), Optional.empty());
    }

    public static ApiClient as(URL base, String username, String password) {
        String token = Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new ApiClient(BaseUrl.of(base), Optional.of("Basic " + token), Optional.empty());
    }

    /** The tests' hand on the sandbox: its control API with the installation key the test deployments set. */
    public static ApiClient sandbox(URL base) {
        return new ApiClient(BaseUrl.of(base), Optional.empty(), Optional.of(SANDBOX_TEST_KEY));
    }

    /**
     * The same client, as if behind a reverse proxy that names {@code clientAddress} in {@code X-Forwarded-For}: the
     * test deployments trust this machine's addresses as proxies, so that login throttling tests can play callers from
     * many addresses.
     */
    public ApiClient forwardedFor(String clientAddress) {
        ApiClient behindProxy = new ApiClient(base, authorization, sandboxKey);
        behindProxy.forwardedFor = Optional.of(clientAddress);
        return behindProxy;
    }

    public URI base() {
        return base.uri();
    }

    /** An answer: status, content type and the parsed JSON body (when there is one). */
    public record Answer(int status, String contentType, String body, java.net.http.HttpHeaders headers) {
        /** The first value of a response header, or empty text. */
        public String header(String name) {
            return headers.firstValue(name).orElse("");
        }

        public JsonObject json() {
            return (JsonObject) structure();
        }

        public JsonStructure structure() {
            return Json.createReader(new StringReader(body)).read();
        }

        /** The problem's stable code, for problem+json answers. */
        public String code() {
            return json().getString("code");
        }

        public boolean isProblem() {
            return contentType.startsWith("application/problem+json");
        }

        public long id() {
            return json().getJsonNumber("id").longValue();
        }
    }

    public Answer get(String path) {
        return send(request(path).GET());
    }

    /** The raw bytes at a path of this client's server, with its credentials; any status. */
    public byte[] getBytes(String path) {
        try {
            return HTTP.send(request(path, "*/*").GET().build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        } catch (IOException failed) {
            throw new IllegalStateException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** GET asking for another media type than JSON, such as {@code text/event-stream}. */
    public Answer getAccepting(String path, String mediaType) {
        return send(request(path, mediaType).GET());
    }

    public Answer post(String path, JsonValue body) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** POST with extra headers, such as an {@code Idempotency-Key}. */
    public Answer postWith(String path, JsonValue body, String... headers) {
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        withHeaders(builder, headers);
        return send(builder);
    }

    public Answer postRaw(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Answer put(String path, JsonValue body) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    public Answer patch(String path, JsonValue body) {
        return send(request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** PATCH with extra headers, such as the cookie of the shell's language. */
    public Answer patchWith(String path, JsonValue body, String... headers) {
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body.toString()));
        withHeaders(builder, headers);
        return send(builder);
    }

    public Answer delete(String path) {
        return send(request(path).DELETE());
    }

    /** GET with extra headers, which replace the defaults of the same name (such as Accept). */
    public Answer getWith(String path, String... headers) {
        HttpRequest.Builder builder = request(path).GET();
        withHeaders(builder, headers);
        return send(builder);
    }

    /** DELETE with extra headers. */
    public Answer deleteWith(String path, String... headers) {
        HttpRequest.Builder builder = request(path).DELETE();
        withHeaders(builder, headers);
        return send(builder);
    }

    /** The raw bytes at an absolute URL, fetched with this Authorization header (and the sandbox key, if any). */
    public byte[] download(String url, String bearer) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", bearer).GET();
            sandboxKey.ifPresent(key -> request.header("X-Sandbox-Key", key));
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        } catch (IOException failed) {
            throw new IllegalStateException(failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }

    /** Posts raw bytes of a content type with extra headers. */
    public Answer postBytesAs(String path, String contentType, byte[] body, String... headers) {
        HttpRequest.Builder builder = request(path).header("Content-Type", contentType);
        withHeaders(builder, headers);
        return send(builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Posts raw bytes with extra headers, as Meta posts webhooks. */
    public Answer postBytes(String path, byte[] body, String... headers) {
        HttpRequest.Builder builder = request(path).header("Content-Type", "application/json");
        withHeaders(builder, headers);
        return send(builder.POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    }

    /** Posts {@code multipart/form-data}: text fields (name, value pairs) and one file, as a browser's form does. */
    public Answer postFile(String path, String fileName, byte[] content, String... fields) {
        String boundary = "----crmkit" + java.util.UUID.randomUUID();
        java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < fields.length; i += 2) {
            body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + fields[i] + "\"\r\n\r\n"
                    + fields[i + 1] + "\r\n").getBytes(StandardCharsets.UTF_8));
        }
        body.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return postBytesAs(path, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    /** Adds header name and value pairs. */
    private static void withHeaders(HttpRequest.Builder builder, String... headers) {
        for (int i = 0; i < headers.length; i += 2) {
            builder.setHeader(headers[i], headers[i + 1]);
        }
    }

    private HttpRequest.Builder request(String path) {
        return request(path, "application/json");
    }

    private HttpRequest.Builder request(String path, String accept) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", accept);
        authorization.ifPresent(value -> builder.header("Authorization", value));
        sandboxKey.ifPresent(key -> builder.header("X-Sandbox-Key", key));
        forwardedFor.ifPresent(address -> builder.header("X-Forwarded-For", address));
        return builder;
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body(), response.headers());
        } catch (IOException failed) {
            throw new IllegalStateException("request failed: " + failed.getMessage(), failed);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(interrupted);
        }
    }
}
