package io.crmkit.it;

import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.ApiClient.Answer;
import io.crmkit.it.support.BrowserSession;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.EmbeddedDatabaseSession;
import io.crmkit.it.support.Eventually;
import io.crmkit.it.support.Organisations;
import io.crmkit.it.support.RawHttp;
import io.crmkit.it.support.Seeds;
import io.crmkit.it.support.TestDatabase;
import io.crmkit.it.support.Webhooks;
import io.crmkit.whatsapp.testing.SampleFiles;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What attackers and broken clients send: each case is refused with its problem+json code, stores nothing, and
 * leaves the server healthy for the next.
 */
@ExtendWith(ArquillianExtension.class)
class HostileInputIT {
    @RegisterExtension
    final Seeds seeds = new Seeds();


    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application();
    }

    /** One hostile request and what it must get: a status and a problem code. */
    private record Case(String name, Supplier<Answer> request, int status, String code) {
    }

    private ApiClient admin() {
        return Organisations.administrator(base);
    }

    private long rows(String table) {
        return TestDatabase.number("select count(*) from " + table);
    }

    private Answer webhook(byte[] body, String signature) {
        return signature == null ? ApiClient.anonymous(base).postBytes("/webhooks/whatsapp", body)
                : ApiClient.anonymous(base).postBytes("/webhooks/whatsapp", body, "X-Hub-Signature-256", signature);
    }

    private Answer signedWebhook(String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return webhook(bytes, Webhooks.signature(bytes));
    }

    private static String nested(int depth) {
        return "{\"object\":\"whatsapp_business_account\",\"entry\":" + "[".repeat(depth) + "]".repeat(depth) + "}";
    }

    /** A request sent over a bare socket, whose early answer is read while the body is still being sent. */
    private Answer raw(String requestLineAndHeaders, byte[] body) {
        RawHttp.Answer answer = RawHttp.exchange(base, requestLineAndHeaders, body);
        return new Answer(answer.status(), "", answer.code().isEmpty() ? answer.text()
                : "{\"code\":\"" + answer.code() + "\"}", null);
    }

    /** The body in HTTP/1.1 chunks of 64 KB, without a length announced beforehand. */
    private static byte[] inChunks(byte[] body) {
        java.io.ByteArrayOutputStream chunks = new java.io.ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += 65_536) {
            int length = Math.min(65_536, body.length - at);
            chunks.writeBytes((Integer.toHexString(length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            chunks.write(body, at, length);
            chunks.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        chunks.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return chunks.toByteArray();
    }

    private static String basicAdmin() {
        return "Authorization: Basic " + java.util.Base64.getEncoder().encodeToString(("admin:"
                + EmbeddedDatabaseSession.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Chunked bodies announce no length: each entry point is sent far more than it takes, and must answer 413 once its
     * limit (4 MB, or 101 MB for a file) is passed, long before the sender is done, keeping nothing on disk.
     */
    /** A sandbox number of the administrator's, and the chat a new customer started on it. */
    private record Chat(JsonObject channel, String customer, long conversation) {
    }

    private Chat newChat(String channelName) throws InterruptedException {
        long adminId = admin().get("/api/crm/session").json().getJsonObject("user").getJsonNumber("id").longValue();
        JsonObject channel = admin().post("/api/whatsapp/channels", Json.createObjectBuilder().add("mode", "SANDBOX")
                .add("name", channelName).add("assigneeIds", Json.createArrayBuilder().add(adminId)).build()).json();
        String customer = seeds.japaneseMobile();
        String wamid = ApiClient.sandbox(base).post("/sandbox/api/customers/" + customer + "/messages", Json.createObjectBuilder()
                .add("phoneNumberId", channel.getString("phoneNumberId")).add("type", "text").add("text", "hi").build())
                .json().getJsonArray("wamids").getString(0);
        Eventually.eventually("the conversation", 10, () -> TestDatabase.number(
                "select count(*) from whatsapp.message where wamid = ?", wamid) == 1);
        return new Chat(channel, customer, TestDatabase.number("select conversation_id from whatsapp.message where wamid = ?",
                wamid));
    }

    @Test
    void endlessChunkedBodiesAreRefusedAtTheirLimitAtEveryEntryPoint() throws Exception {
        Chat chat = newChat("Chunked");
        JsonObject channel = chat.channel();
        long conversation = chat.conversation();
        long contactsBefore = rows("crm.contact");
        long messagesBefore = rows("whatsapp.message");
        long sixtyFourMegabytes = 64L << 20;
        long threeHundredMegabytes = 300L << 20;
        String multipart = "\r\nContent-Type: multipart/form-data; boundary=x";
        record Endless(String what, String requestLineAndHeaders, long bytes, long limit) {
        }
        List<Endless> endless = List.of(
                new Endless("the webhook", "POST /webhooks/whatsapp HTTP/1.1\r\nContent-Type: application/json",
                        sixtyFourMegabytes, 4L << 20),
                new Endless("the sandbox's upload session, anonymous", "POST /sandbox/graph/v24.0/upload:1 HTTP/1.1"
                        + "\r\nContent-Type: application/octet-stream", sixtyFourMegabytes, 4L << 20),
                new Endless("the sandbox's media upload, anonymous", "POST /sandbox/graph/v24.0/"
                        + channel.getString("phoneNumberId") + "/media HTTP/1.1" + multipart, threeHundredMegabytes, 101L << 20),
                new Endless("a contact", "POST /api/crm/contacts HTTP/1.1\r\n" + basicAdmin()
                        + "\r\nAccept: application/json\r\nContent-Type: application/json", sixtyFourMegabytes, 4L << 20),
                new Endless("a file for a customer", "POST /api/whatsapp/conversations/" + conversation + "/messages HTTP/1.1\r\n"
                        + basicAdmin() + "\r\nAccept: application/json" + multipart, threeHundredMegabytes, 101L << 20));
        for (Endless request : endless) {
            RawHttp.ChunkedAnswer refused = RawHttp.exchangeChunked(base, request.requestLineAndHeaders(), request.bytes(),
                    (byte) ' ');
            assertEquals(413, refused.answer().status(), request.what() + ": " + refused.answer().text());
            assertEquals("PAYLOAD_TOO_LARGE", refused.answer().code(), request.what());
            assertTrue(refused.sentBeforeAnswer() < request.bytes() / 2, request.what() + ": answered only after "
                    + refused.sentBeforeAnswer() + " bytes of " + request.bytes());
        }

        Answer small = raw("POST /api/crm/contacts HTTP/1.1\r\n" + basicAdmin() + "\r\nAccept: application/json"
                + "\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked",
                inChunks("{\"firstName\":\"Chunked\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(201, small.status(), "a chunked body within its limit is taken: " + small.body());
        assertEquals(contactsBefore + 1, rows("crm.contact"), "nothing of the refused contact was stored");
        assertEquals(messagesBefore, rows("whatsapp.message"), "nothing of the refused file was queued");
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(
                java.nio.file.Path.of(System.getProperty("it.tmpdir", "target/tmp")), 2)) {
            assertEquals(List.of(), files.filter(file -> file.getFileName().toString().startsWith("request-body")).toList(),
                    "what a refused body had on disk is deleted at once");
        }
        assertEquals(200, ApiClient.anonymous(base).get("/health").status(), "the server stays healthy");
    }

    @Test
    void everyHostileRequestIsRefusedWithItsCodeStoresNothingAndTheServerStaysHealthy() throws Exception {
        Chat chat = newChat("Hostile");
        JsonObject channel = chat.channel();
        String customer = chat.customer();
        long conversation = chat.conversation();
        String messages = "/api/whatsapp/conversations/" + conversation + "/messages";
        long contact = admin().post("/api/crm/contacts", Json.createObjectBuilder().add("firstName", "Target").build()).id();
        ApiClient outsider = Organisations.outsider(base);
        byte[] validEnvelope = Webhooks.envelope(Webhooks.entry(channel.getString("wabaId"), channel.getString("phoneNumberId"),
                Json.createArrayBuilder().add(Webhooks.textMessage(customer, Webhooks.newWamid(), "x")), Json.createArrayBuilder()));
        byte[] deep = ("{\"firstName\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}").getBytes(StandardCharsets.US_ASCII);
        byte[] overThreeMegabytes = new byte[3 * 1024 * 1024 + 10];
        java.util.Arrays.fill(overThreeMegabytes, (byte) ' ');

        List<Case> cases = List.of(
                // The webhook: signatures on the raw bytes, size, structure.
                new Case("webhook without signature", () -> webhook(validEnvelope, null), 401, "INVALID_SIGNATURE"),
                new Case("webhook with a wrong signature", () -> webhook(validEnvelope, "sha256=" + "0".repeat(64)), 401, "INVALID_SIGNATURE"),
                new Case("webhook signed for other bytes", () -> webhook(validEnvelope, Webhooks.signature("{}".getBytes())), 401,
                        "INVALID_SIGNATURE"),
                new Case("webhook with a SHA-1 signature", () -> webhook(validEnvelope, "sha1=abc"), 401, "INVALID_SIGNATURE"),
                new Case("webhook with a signature of the wrong length", () -> webhook(validEnvelope, "sha256=abc"), 401,
                        "INVALID_SIGNATURE"),
                new Case("webhook of truncated JSON", () -> signedWebhook("{\"object\":\"whatsapp_business_account\",\"entry\":["),
                        400, "MALFORMED_PAYLOAD"),
                new Case("webhook that is not JSON", () -> signedWebhook("<xml/>"), 400, "MALFORMED_PAYLOAD"),
                new Case("webhook that is a JSON array", () -> signedWebhook("[1,2,3]"), 400, "MALFORMED_PAYLOAD"),
                new Case("webhook whose entry is no list", () -> signedWebhook(
                        "{\"object\":\"whatsapp_business_account\",\"entry\":\"x\"}"), 400, "MALFORMED_PAYLOAD"),
                new Case("webhook nested 100,000 deep", () -> signedWebhook(nested(100_000)), 400, "MALFORMED_PAYLOAD"),
                new Case("webhook with a value of the wrong type", () -> signedWebhook("{\"object\":\"whatsapp_business_account\","
                        + "\"entry\":[{\"id\":\"1\",\"changes\":[{\"field\":\"messages\",\"value\":{\"metadata\":"
                        + "{\"phone_number_id\":\"" + channel.getString("phoneNumberId") + "\"},\"messages\":[{\"from\":{},"
                        + "\"id\":[],\"timestamp\":true,\"type\":\"text\"}]}}]}]}"), 400, "MALFORMED_PAYLOAD"),
                new Case("webhook over 3 MB", () -> raw("POST /webhooks/whatsapp HTTP/1.1\r\nContent-Type: application/json"
                        + "\r\nX-Hub-Signature-256: " + Webhooks.signature(overThreeMegabytes) + "\r\nContent-Length: "
                        + overThreeMegabytes.length, overThreeMegabytes), 413, "PAYLOAD_TOO_LARGE"),
                new Case("webhook over 3 MB without a length (chunked)", () -> raw("POST /webhooks/whatsapp HTTP/1.1\r\n"
                        + "Content-Type: application/json\r\nX-Hub-Signature-256: " + Webhooks.signature(overThreeMegabytes)
                        + "\r\nTransfer-Encoding: chunked", inChunks(overThreeMegabytes)), 413, "PAYLOAD_TOO_LARGE"),
                // The REST API: bodies, types, sizes, ids.
                new Case("contact from a body that is not JSON", () -> admin().postRaw("/api/crm/contacts", "application/json",
                        "{firstName: oops"), 400, "MALFORMED_PAYLOAD"),
                new Case("contact nested 100,000 deep", () -> raw("POST /api/crm/contacts HTTP/1.1\r\n" + basicAdmin()
                        + "\r\nAccept: application/json\r\nContent-Type: application/json\r\nContent-Length: " + deep.length, deep),
                        400, "MALFORMED_PAYLOAD"),
                new Case("answer nested 100,000 deep", () -> raw("POST " + messages + " HTTP/1.1\r\n" + basicAdmin()
                        + "\r\nAccept: application/json\r\nContent-Type: application/json\r\nContent-Length: " + deep.length, deep),
                        400, "MALFORMED_PAYLOAD"),
                new Case("contact from a JSON array", () -> admin().postRaw("/api/crm/contacts", "application/json", "[]"), 400,
                        "MALFORMED_PAYLOAD"),
                new Case("answer from a JSON string", () -> admin().postRaw(messages, "application/json", "\"hello\""), 400,
                        "MALFORMED_PAYLOAD"),
                new Case("contact with a name of the wrong type", () -> admin().postRaw("/api/crm/contacts", "application/json",
                        "{\"firstName\": 42}"), 400, "VALIDATION_FAILED"),
                new Case("contact with a 100,000-character name", () -> admin().post("/api/crm/contacts", Json.createObjectBuilder()
                        .add("firstName", "x".repeat(100_000)).build()), 400, "VALIDATION_FAILED"),
                new Case("contact with a script for a phone number", () -> admin().post("/api/crm/contacts", Json.createObjectBuilder()
                        .add("firstName", "Eve").add("phone", "<script>alert(1)</script>").build()), 400, "VALIDATION_FAILED"),
                new Case("contact of another organisation, changed", () -> outsider.patch("/api/crm/contacts/" + contact,
                        Json.createObjectBuilder().add("firstName", "Stolen").build()), 404, "NOT_FOUND"),
                new Case("conversation of another organisation, answered", () -> outsider.post(messages,
                        Json.createObjectBuilder().add("text", "forged").build()), 404, "NOT_FOUND"),
                new Case("conversation id beyond any number", () -> admin().get("/api/whatsapp/conversations/99999999999999999999999"),
                        404, "NOT_FOUND"),
                new Case("conversation id that is text", () -> admin().get("/api/whatsapp/conversations/abc"), 404, "NOT_FOUND"),
                new Case("message path with dot segments", () -> admin().getAccepting("/api/whatsapp/conversations/" + conversation
                        + "/messages/..%2F..%2F..%2Fetc%2Fpasswd/media", "*/*"), 404, "NOT_FOUND"),
                new Case("negative page size", () -> admin().get("/api/whatsapp/conversations?limit=-1"), 400, "VALIDATION_FAILED"),
                new Case("a million rows a page", () -> admin().get("/api/whatsapp/conversations?limit=1000000"), 400,
                        "VALIDATION_FAILED"),
                new Case("forged cursor", () -> admin().get("/api/whatsapp/conversations?cursor=%27%3B%20drop%20table"), 400,
                        "VALIDATION_FAILED"),
                new Case("answer without text", () -> admin().post(messages, Json.createObjectBuilder().add("text", 5).build()),
                        400, "VALIDATION_FAILED"),
                new Case("answer longer than WhatsApp takes", () -> admin().post(messages, Json.createObjectBuilder()
                        .add("text", "x".repeat(5_000)).build()), 400, "VALIDATION_FAILED"),
                new Case("owner of another organisation", () -> admin().patch("/api/whatsapp/conversations/" + conversation,
                        Json.createObjectBuilder().add("ownerId", Long.MAX_VALUE).build()), 400, "VALIDATION_FAILED"),
                new Case("level that does not exist", () -> admin().put("/api/whatsapp/permissions/1", Json.createObjectBuilder()
                        .add("level", "GOD_MODE").build()), 400, "VALIDATION_FAILED"),
                new Case("channel of an unknown mode", () -> admin().post("/api/whatsapp/channels", Json.createObjectBuilder()
                        .add("mode", "<script>").add("name", "x").build()), 400, "VALIDATION_FAILED"),
                new Case("quick reply without a slash", () -> admin().post("/api/whatsapp/quick-replies", Json.createObjectBuilder()
                        .add("shortcut", "<img src=x onerror=alert(1)>").add("text", "x").build()), 400, "VALIDATION_FAILED"),
                // Uploads.
                new Case("a page named like a PDF", () -> admin().postFile(messages, "invoice.pdf",
                        "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8)), 415, "UNSUPPORTED_ATTACHMENT"),
                new Case("an executable", () -> admin().postFile(messages, "setup.exe", SampleFiles.executable()), 415,
                        "UNSUPPORTED_ATTACHMENT"),
                new Case("a path for a file name", () -> admin().postFile(messages, "../../../etc/passwd",
                        "root:x:0:0".getBytes(StandardCharsets.UTF_8)), 415, "UNSUPPORTED_ATTACHMENT"),
                new Case("an empty PDF", () -> admin().postFile(messages, "empty.pdf", new byte[0]), 400, "VALIDATION_FAILED"),
                new Case("an upload without a file", () -> admin().postBytesAs(messages, "multipart/form-data; boundary=b",
                        "--b\r\nContent-Disposition: form-data; name=\"caption\"\r\n\r\nhi\r\n--b--\r\n".getBytes(StandardCharsets.UTF_8)),
                        400, "VALIDATION_FAILED"),
                new Case("an image larger than WhatsApp takes", () -> admin().postFile(messages, "huge.png",
                        java.util.Arrays.copyOf(SampleFiles.png(), 6 << 20)), 413, "ATTACHMENT_TOO_LARGE"),
                // Sessions and the sandbox.
                new Case("a change with the session cookie but no token", () -> {
                    BrowserSession browser = new BrowserSession(base);
                    browser.logIn("admin", EmbeddedDatabaseSession.ADMIN_PASSWORD);
                    HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(browser.resolve("api/crm/companies"))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Forged\"}")).build());
                    return new Answer(forged.statusCode(), "", forged.body(), forged.headers());
                }, 403, "FORBIDDEN"),
                new Case("a sandbox callback into the network", () -> ApiClient.sandbox(base).put("/sandbox/api/accounts/"
                        + channel.getString("wabaId") + "/callback-url", Json.createObjectBuilder()
                        .add("callbackUrl", "http://169.254.169.254/latest/meta-data").build()), 400, null),
                new Case("a sandbox fault that would stall everything", () -> ApiClient.sandbox(base).post("/sandbox/api/faults",
                        Json.createObjectBuilder().add("path", "").add("delayMs", 600_000).add("count", 99_999).build()), 400, null));

        long events = rows("whatsapp.webhook_event");
        long messagesBefore = TestDatabase.number("select count(*) from whatsapp.message where conversation_id = ?", conversation);
        long companies = rows("crm.company");
        List<String> wrong = new ArrayList<>();
        for (Case hostile : cases) {
            Answer answer;
            try {
                answer = hostile.request().get();
            } catch (RuntimeException noAnswer) {
                wrong.add(hostile.name() + ": no answer (" + noAnswer.getMessage() + ")");
                continue;
            }
            String code = answer.body().contains("\"code\"") ? Json.createReader(new java.io.StringReader(answer.body()))
                    .readObject().getString("code", "") : "";
            if (answer.status() != hostile.status() || (hostile.code() != null && !hostile.code().equals(code))) {
                wrong.add(hostile.name() + ": " + answer.status() + " " + code + " (expected " + hostile.status() + " "
                        + hostile.code() + ") " + answer.body().substring(0, Math.min(200, answer.body().length())));
            }
            Answer health = ApiClient.anonymous(base).get("/health");
            if (health.status() != 200) {
                wrong.add("the server was unhealthy after " + hostile.name() + ": " + health.body());
            }
        }
        assertTrue(cases.size() >= 40, cases.size() + " cases");
        assertTrue(wrong.isEmpty(), wrong.size() + " of " + cases.size() + " hostile requests were not refused as they should:\n"
                + String.join("\n", wrong));
        assertEquals(events, rows("whatsapp.webhook_event"), "no webhook event stored");
        assertEquals(messagesBefore, TestDatabase.number("select count(*) from whatsapp.message where conversation_id = ?",
                conversation), "no message queued");
        assertEquals(companies, rows("crm.company"), "no company stored");
        assertEquals("Target", admin().get("/api/crm/contacts/" + contact).json().getString("firstName"));
        assertEquals(JsonValue.ValueType.OBJECT, admin().get("/api/crm/session").structure().getValueType());
    }
}
