package io.crmkit.whatsapp.infrastructure.graph;

import io.crmkit.whatsapp.application.Jsonp;
import io.crmkit.whatsapp.application.meta.MetaError;
import io.crmkit.whatsapp.application.meta.MetaErrors;
import io.crmkit.whatsapp.application.meta.TransientMetaException;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.Optional;

/**
 * One HTTP exchange with the Graph API: Bearer token, JSON in and out, Meta's error body turned into the
 * matching {@link io.crmkit.whatsapp.application.meta.MetaApiException}. Tokens go only into the
 * Authorization header and never into messages or logs.
 */
final class GraphHttp {
    /**
     * HTTP/1.1 with kept-alive connections: over plain http (the sandbox) the JDK's HTTP/2 upgrade handshake was seen
     * to leave requests to a freshly started Payara unanswered, and Meta answers HTTP/1.1 as well.
     */
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private static final Duration UPLOAD_TIMEOUT = Duration.ofMinutes(5);

    private final Duration requestTimeout;

    /**
     * @param requestTimeout how long a call may take until its answer has arrived; the client abandons it then.
     *                       Time limits live here rather than in Fault Tolerance's {@code @Timeout}, whose timer
     *                       runs on a managed executor that inherits, and then fails to tear down, the calling
     *                       request's context.
     */
    GraphHttp(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    JsonObject get(URI uri, Optional<String> token) {
        return exchange(builder(uri, token).GET());
    }

    JsonObject post(URI uri, String token, JsonObject body) {
        return exchange(builder(uri, Optional.of(token)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    }

    /** Uploads a form with a file, as {@code multipart/form-data}. */
    JsonObject postMultipart(URI uri, String token, FormData form) {
        return exchange(builder(uri, Optional.of(token)).timeout(UPLOAD_TIMEOUT).header("Content-Type", form.contentType())
                .POST(HttpRequest.BodyPublishers.ofByteArrays(form.parts())));
    }

    /**
     * The second step of Meta's resumable upload: the file's bytes from offset 0, authorised as {@code OAuth <token>}
     * (not Bearer), as Meta documents for upload sessions.
     */
    JsonObject postFileBytes(URI uri, String token, byte[] content) {
        return exchange(HttpRequest.newBuilder(uri).timeout(UPLOAD_TIMEOUT).header("Accept", "application/json")
                .header("Authorization", "OAuth " + token).header("file_offset", "0")
                .header("Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(content)));
    }

    /** A {@code multipart/form-data} body (RFC 7578): text fields and files, in order. */
    static final class FormData {
        private static final byte[] CRLF = {'\r', '\n'};
        private final String boundary = "crmkit-" + java.util.UUID.randomUUID();
        private final java.util.List<byte[]> parts = new java.util.ArrayList<>();

        FormData field(String name, String value) {
            parts.add(header("Content-Disposition: form-data; name=\"" + name + "\""));
            parts.add(value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            parts.add(CRLF);
            return this;
        }

        FormData file(String name, String fileName, String mimeType, byte[] content) {
            parts.add(header("Content-Disposition: form-data; name=\"" + name + "\"; filename=\""
                    + fileName.replaceAll("[\"\\r\\n]", "_") + "\"\r\nContent-Type: " + mimeType));
            parts.add(content);
            parts.add(CRLF);
            return this;
        }

        private byte[] header(String lines) {
            return ("--" + boundary + "\r\n" + lines + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }

        String contentType() {
            return "multipart/form-data; boundary=" + boundary;
        }

        java.util.List<byte[]> parts() {
            java.util.List<byte[]> all = new java.util.ArrayList<>(parts);
            all.add(("--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            return all;
        }
    }

    JsonObject delete(URI uri, String token) {
        return exchange(builder(uri, Optional.of(token)).DELETE());
    }

    /** Raw bytes from a media URL; a 404 means the URL expired. */
    byte[] bytes(URI uri, String token) {
        HttpResponse<byte[]> response;
        try {
            response = answer(builder(uri, Optional.of(token)).GET().build(), HttpResponse.BodyHandlers.ofByteArray(),
                    UPLOAD_TIMEOUT);
        } catch (IOException dropped) {
            throw new TransientMetaException(MetaError.network("the media download broke off: " + dropped.getClass().getSimpleName()));
        } catch (InterruptedException abandoned) {
            throw new TransientMetaException(MetaError.network("the media download did not finish in time"));
        }
        if (response.statusCode() == 404) {
            throw new io.crmkit.whatsapp.application.meta.MediaUrlExpiredException();
        }
        if (response.statusCode() / 100 != 2) {
            throw MetaErrors.classify(toError(response.statusCode(), parse(new String(response.body(),
                    java.nio.charset.StandardCharsets.UTF_8))));
        }
        return response.body();
    }

    private HttpRequest.Builder builder(URI uri, Optional<String> token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(requestTimeout)
                .header("Accept", "application/json");
        token.ifPresent(t -> builder.header("Authorization", "Bearer " + t));
        return builder;
    }

    /**
     * The whole answer within {@code limit}. The client's own request timeout ends when the answer's headers arrive:
     * an answer that breaks off with its connection left open would keep the caller waiting for its body forever.
     *
     * @throws HttpTimeoutException when the whole answer did not arrive in time; the exchange is abandoned
     */
    private static <T> HttpResponse<T> answer(HttpRequest request, HttpResponse.BodyHandler<T> body, Duration limit)
            throws IOException, InterruptedException {
        CompletableFuture<HttpResponse<T>> answer = HTTP.sendAsync(request, body);
        try {
            return answer.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException late) {
            answer.cancel(true);
            throw new HttpTimeoutException("the whole answer did not arrive within " + limit.toMillis() + " ms");
        } catch (ExecutionException failed) {
            throw failed.getCause() instanceof IOException broken ? broken : new IOException(failed.getCause());
        }
    }

    private JsonObject exchange(HttpRequest.Builder request) {
        HttpResponse<String> response;
        try {
            HttpRequest built = request.build();
            response = answer(built, HttpResponse.BodyHandlers.ofString(), built.timeout().orElse(requestTimeout));
        } catch (IOException dropped) {
            throw new TransientMetaException(MetaError.network("no answer from the Graph API: " + dropped.getClass().getSimpleName()));
        } catch (InterruptedException abandoned) {
            // The thread is being stopped (the server shuts down): the call counts as unanswered.
            Thread.currentThread().interrupt();
            throw new TransientMetaException(MetaError.network("the Graph API did not answer in time"));
        }
        Optional<JsonObject> body = parse(response.body());
        if (response.statusCode() / 100 == 2 && body.isPresent()) {
            return body.get();
        }
        throw MetaErrors.classify(toError(response.statusCode(), body));
    }

    private static Optional<JsonObject> parse(String text) {
        try {
            JsonValue value = Jsonp.createReader(new StringReader(text)).readValue();
            return value.getValueType() == JsonValue.ValueType.OBJECT ? Optional.of(value.asJsonObject()) : Optional.empty();
        } catch (JsonException | IllegalStateException notJson) {
            return Optional.empty();
        }
    }

    /** Meta's {@code {error: {...}}} body, or a stand-in when the answer is not one. */
    static MetaError toError(int status, Optional<JsonObject> body) {
        if (body.isPresent() && body.get().containsKey("error")
                && body.get().get("error").getValueType() == JsonValue.ValueType.OBJECT) {
            JsonObject error = body.get().getJsonObject("error");
            Optional<String> details = Optional.ofNullable(error.getJsonObject("error_data"))
                    .filter(data -> data.containsKey("details")).map(data -> data.getString("details", ""));
            return new MetaError(status, error.getInt("code", -1),
                    error.containsKey("error_subcode") ? Optional.of(error.getInt("error_subcode")) : Optional.empty(),
                    error.getString("type", "Unknown"), error.getString("message", "no message"), details,
                    Optional.ofNullable(error.getString("fbtrace_id", null)));
        }
        if (status / 100 == 2) {
            // A success whose body is not JSON broke off on the way: like a dropped connection, worth retrying.
            return MetaError.network("the Graph API's answer broke off");
        }
        boolean retryable = status >= 500 || status == 429;
        return new MetaError(status, retryable ? -1 : -2, Optional.empty(), "HttpError",
                "HTTP " + status + " without a Graph API error body", Optional.empty(), Optional.empty());
    }
}
