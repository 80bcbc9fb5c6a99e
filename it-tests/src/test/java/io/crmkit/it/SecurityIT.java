package io.crmkit.it;

import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.ApiClient.Answer;
import io.crmkit.it.support.BrowserSession;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.EmbeddedDatabaseSession;
import io.crmkit.it.support.Organisations;
import io.crmkit.it.support.Seeds;
import io.crmkit.it.support.TestDatabase;
import io.crmkit.plugin.api.BaseUrl;
import jakarta.json.Json;
import jakarta.json.JsonValue;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URL;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;

import static io.crmkit.it.support.Eventually.eventually;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A default install as an attacker meets it: sessions, CSRF, challenges, headers, metrics and password guessing.
 * The guessing tests run last: they leave this server's client address throttled for fresh passwords.
 */
@ExtendWith(ArquillianExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecurityIT {

    @ArquillianResource
    URL base;
    @RegisterExtension
    final Seeds seeds = new Seeds();

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application();
    }

    private ApiClient admin() {
        return Organisations.administrator(base);
    }

    /** A new user of the Standard profile with this password; answers the user name. */
    private String newAgent(String password) {
        long standard = admin().get("/api/crm/profiles").structure().asJsonArray().stream().map(JsonValue::asJsonObject)
                .filter(p -> p.getString("name").equals("Standard")).findFirst().orElseThrow().getJsonNumber("id").longValue();
        String username = "guard" + UUID.randomUUID().toString().substring(0, 8);
        Answer created = admin().post("/api/crm/users", Json.createObjectBuilder().add("username", username).add("name", username)
                .add("profileId", standard).add("password", password).build());
        assertEquals(201, created.status(), created.body());
        return username;
    }

    private static List<String> cookies(HttpResponse<?> response) {
        return response.headers().allValues("Set-Cookie");
    }

    @Test
    @Order(1)
    void theLoginPageNeedsNoServerSessionAndItsTokenCookieStaysOnThisSite() {
        BrowserSession browser = new BrowserSession(base);
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(browser.resolve("login")).build());
        assertEquals(200, page.statusCode());
        assertTrue(cookies(page).stream().noneMatch(c -> c.startsWith("JSESSIONID")), "no session before login: " + cookies(page));
        assertTrue(cookies(page).stream().anyMatch(c -> c.startsWith("crm_login_csrf=") && c.contains("SameSite=Strict")
                && c.contains("HttpOnly")), cookies(page).toString());
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("default-src 'self'"));
    }

    @Test
    @Order(2)
    void theSessionCookieIsHttpOnlyAndSameSiteLax() {
        BrowserSession browser = new BrowserSession(base);
        HttpResponse<String> login = browser.logIn("admin", EmbeddedDatabaseSession.ADMIN_PASSWORD);
        assertEquals(302, login.statusCode());
        String session = cookies(login).stream().filter(c -> c.startsWith("JSESSIONID=")).findFirst().orElseThrow();
        assertTrue(session.contains("HttpOnly"), session);
        assertTrue(session.toLowerCase(java.util.Locale.ROOT).contains("samesite=lax"), session);
    }

    @Test
    @Order(3)
    void aSessionNeedsItsTokenEvenWhenTheRequestAlsoCarriesBasicCredentials() {
        BrowserSession browser = new BrowserSession(base);
        assertEquals(302, browser.logIn("admin", EmbeddedDatabaseSession.ADMIN_PASSWORD).statusCode());
        String basic = "Basic " + java.util.Base64.getEncoder().encodeToString(("admin:" + EmbeddedDatabaseSession.ADMIN_PASSWORD)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String name = "Forged with Basic " + UUID.randomUUID();
        HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(browser.resolve("api/crm/companies"))
                .header("Content-Type", "application/json").header("Authorization", basic)
                .POST(HttpRequest.BodyPublishers.ofString(Json.createObjectBuilder().add("name", name).build().toString())).build());
        assertEquals(403, forged.statusCode(), forged.body());
        assertEquals(0, TestDatabase.number("select count(*) from crm.company where name = ?", name));
    }

    @Test
    @Order(4)
    void browsersAreNeverAskedForBasicCredentialsButApiClientsAre() {
        Answer navigation = ApiClient.anonymous(base).getWith("/api/crm/session", "Accept", "text/html,application/xhtml+xml");
        assertEquals(401, navigation.status());
        assertEquals("", navigation.header("WWW-Authenticate"), "a browser would remember and resend what it is given");
        Answer fetch = ApiClient.anonymous(base).getWith("/api/crm/session", "Sec-Fetch-Mode", "cors");
        assertEquals("", fetch.header("WWW-Authenticate"));
        Answer script = ApiClient.anonymous(base).get("/api/crm/session");
        assertTrue(script.header("WWW-Authenticate").startsWith("Basic"), "an API client learns how to authenticate");
    }

    @Test
    @Order(5)
    void everyAnswerCarriesNosniffAndAReferrerPolicyAndPagesACsp() {
        for (Answer answer : List.of(admin().get("/api/crm/session"), ApiClient.anonymous(base).get("/api/crm/session"),
                ApiClient.anonymous(base).get("/health"), ApiClient.anonymous(base).get("/whatsapp/ui/dom.js"),
                ApiClient.anonymous(base).get("/no/such/page"), admin().get("/api/whatsapp/conversations/999999999"))) {
            assertEquals("nosniff", answer.header("X-Content-Type-Options"), answer.status() + " " + answer.body());
        }
        assertEquals("same-origin", admin().get("/api/crm/session").header("Referrer-Policy"));
        for (String page : List.of("/login", "/whatsapp/sandbox/customer.html")) {
            String policy = ApiClient.anonymous(base).getAccepting(page, "text/html").header("Content-Security-Policy");
            assertTrue(policy.contains("default-src 'self'") && policy.contains("frame-ancestors 'none'"), page + ": " + policy);
        }
    }

    @Test
    @Order(6)
    void metricsAreForAdministratorsOrTheScrapeToken() {
        String agent = newAgent("agent-password-1");
        assertEquals(401, ApiClient.anonymous(base).getAccepting("/metrics", "text/plain").status());
        assertEquals(401, ApiClient.anonymous(base).getWith("/metrics", "Authorization", "Bearer wrong-token",
                "Accept", "text/plain").status());
        assertEquals(403, ApiClient.as(base, agent, "agent-password-1").getAccepting("/metrics", "text/plain").status());
        assertEquals(200, admin().getAccepting("/metrics", "text/plain").status());
        assertEquals(200, ApiClient.anonymous(base).getWith("/metrics", "Authorization", "Bearer test-metrics-token",
                "Accept", "text/plain").status());
    }

    /** A sandbox number connected by the first organisation; answers its phone number id. */
    private String ourSandboxNumber() {
        long adminId = admin().get("/api/crm/session").json().getJsonObject("user").getJsonNumber("id").longValue();
        Answer channel = admin().post("/api/whatsapp/channels", Json.createObjectBuilder().add("mode", "SANDBOX")
                .add("name", "Guarded").add("assigneeIds", Json.createArrayBuilder().add(adminId)).build());
        assertEquals(201, channel.status(), channel.body());
        return channel.json().getString("phoneNumberId");
    }

    private static JsonValue customerMessage(String phoneNumberId, String text) {
        return Json.createObjectBuilder().add("phoneNumberId", phoneNumberId).add("type", "text").add("text", text).build();
    }

    @Test
    @Order(7)
    void theSandboxIsNoOpenDoor() {
        String ours = ourSandboxNumber();
        ApiClient anonymous = ApiClient.anonymous(base);
        assertEquals(401, anonymous.get("/sandbox/api/sent").status());
        assertEquals(401, anonymous.get("/sandbox/api/numbers").status());
        assertEquals(401, anonymous.post("/sandbox/api/customers/819011112222/messages", customerMessage(ours, "hi")).status());
        assertEquals(401, anonymous.post("/sandbox/api/faults", Json.createObjectBuilder().add("path", "")
                .add("delayMs", 600_000).add("count", 99_999).build()).status());
        assertEquals(401, anonymous.put("/sandbox/api/accounts/1/callback-url",
                Json.createObjectBuilder().add("callbackUrl", "http://10.0.0.1/").build()).status());
        assertEquals(401, anonymous.post("/sandbox/api/test-numbers", JsonValue.EMPTY_JSON_OBJECT).status());

        assertEquals(403, admin().post("/sandbox/api/faults", Json.createObjectBuilder().add("path", "/x").build()).status(),
                "faults are for the installation's tests, not for users");
        assertEquals(403, admin().put("/sandbox/api/accounts/1/callback-url",
                Json.createObjectBuilder().add("callbackUrl", "http://localhost:1/").build()).status());

        String text = "From our customer " + UUID.randomUUID();
        assertEquals(200, admin().post("/sandbox/api/customers/819011112222/messages", customerMessage(ours, text)).status(),
                "a user plays the customers of the organisation's own numbers");
        assertTrue(admin().get("/sandbox/api/numbers").body().contains(ours));

        ApiClient outsider = Organisations.outsider(base);
        assertEquals(404, outsider.post("/sandbox/api/customers/819011112222/messages", customerMessage(ours, "forged")).status(),
                "another organisation cannot write to our number");
        assertFalse(outsider.get("/sandbox/api/numbers").body().contains(ours));
        assertEquals("[]", outsider.get("/sandbox/api/sent?phoneNumberId=" + ours).body().replace(" ", ""));
    }

    @Test
    @Order(8)
    void theInstallationsTestsSteerTheSandboxWithinBounds() throws Exception {
        ApiClient tests = ApiClient.sandbox(base);
        jakarta.json.JsonObject number = tests.post("/sandbox/api/test-numbers", JsonValue.EMPTY_JSON_OBJECT).json();
        String waba = number.getString("wabaId");
        for (String outside : List.of("http://10.0.0.1/", "http://192.168.0.1:8080/", "http://user@localhost/", "file:///etc/passwd")) {
            assertEquals(400, tests.put("/sandbox/api/accounts/" + waba + "/callback-url",
                    Json.createObjectBuilder().add("callbackUrl", outside).build()).status(), outside);
        }
        assertEquals(204, tests.put("/sandbox/api/accounts/" + waba + "/callback-url",
                Json.createObjectBuilder().add("callbackUrl", BaseUrl.of(new URL("http", "localhost", base.getPort(), "/"))
                        .resolve("webhooks/whatsapp").toString()).build()).status());
        assertEquals(400, tests.post("/sandbox/api/faults", Json.createObjectBuilder().add("path", "")
                .add("delayMs", 600_000).build()).status(), "a delay of ten minutes");
        assertEquals(400, tests.post("/sandbox/api/faults", Json.createObjectBuilder().add("path", "")
                .add("count", 99_999_999).build()).status());
        assertEquals(400, ApiClient.sandbox(base).post("/sandbox/api/customers/819011112222/messages",
                Json.createObjectBuilder().add("phoneNumberId", number.getString("phoneNumberId")).add("type", "document")
                        .add("contentBase64", "A".repeat(2 << 20)).build()).status(), "a customer file over 1 MB");
        assertEquals(401, ApiClient.anonymous(base).getWith("/sandbox/api/sent", "X-Sandbox-Key", "guessed").status());
    }

    @Test
    @Order(9)
    void theSandboxPageOfABrowserSessionNeedsTheSessionsToken() {
        String ours = ourSandboxNumber();
        BrowserSession browser = new BrowserSession(base);
        assertEquals(302, browser.logIn("admin", EmbeddedDatabaseSession.ADMIN_PASSWORD).statusCode());
        HttpResponse<String> forged = browser.send(HttpRequest.newBuilder(browser.resolve("sandbox/api/customers/819011113333/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(customerMessage(ours, "forged").toString())).build());
        assertEquals(403, forged.statusCode());
        HttpResponse<String> played = browser.send(HttpRequest.newBuilder(browser.resolve("sandbox/api/customers/819011113333/messages"))
                .header("Content-Type", "application/json").header("X-CSRF-Token", browser.sessionToken())
                .POST(HttpRequest.BodyPublishers.ofString(customerMessage(ours, "played").toString())).build());
        assertEquals(200, played.statusCode(), played.body());
    }

    /**
     * Sends only the start of a request whose headers announce a large body, and reads the first line of the
     * answer: a server that waited for the whole body would not answer within the time.
     */
    private String answerToAnnouncedBody(String path, String contentType, long contentLength, String authorization)
            throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + "Authorization: " + authorization + "\r\nAccept: application/json\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: " + contentLength + "\r\n\r\n--b\r\nContent-Disposition: form-data; name=\"file\";"
                    + " filename=\"big.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n";
            socket.getOutputStream().write(head.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                    java.nio.charset.StandardCharsets.US_ASCII)).readLine();
        }
    }

    private static String basic(String username, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    @Order(10)
    void uploadsAreRefusedBeforeTheirBodyIsRead() throws Exception {
        String ours = ourSandboxNumber();
        String customer = seeds.japaneseMobile();
        String wamid = ApiClient.sandbox(base).post("/sandbox/api/customers/" + customer + "/messages",
                customerMessage(ours, "please send the quote")).json().getJsonArray("wamids").getString(0);
        eventually("the conversation", 10, () -> TestDatabase.number(
                "select count(*) from whatsapp.message where wamid = ?", wamid) == 1);
        long conversation = TestDatabase.number("select conversation_id from whatsapp.message where wamid = ?", wamid);
        String path = "/api/whatsapp/conversations/" + conversation + "/messages";
        String multipart = "multipart/form-data; boundary=b";

        String viewer = newAgent("viewer-password");
        assertTrue(answerToAnnouncedBody(path, multipart, 50_000_000, basic(viewer, "viewer-password")).contains(" 403"),
                "a user who may not answer is refused at once");
        String outsider = Organisations.outsider(base).get("/api/crm/session").json().getJsonObject("user").getString("username");
        assertTrue(answerToAnnouncedBody(path, multipart, 50_000_000, basic(outsider, EmbeddedDatabaseSession.ADMIN_PASSWORD))
                .contains(" 404"), "another organisation's conversation is unknown");
        assertTrue(answerToAnnouncedBody(path, multipart, 200_000_000, basic("admin", EmbeddedDatabaseSession.ADMIN_PASSWORD))
                .contains(" 413"), "more than any file WhatsApp takes is refused before it is read");
        assertTrue(answerToAnnouncedBody("/webhooks/whatsapp", "application/json", 50_000_000, "none").contains(" 413"));
    }

    @Test
    @Order(11)
    void aGeneratedFirstPasswordIsNeverLoggedButKeptInAFileOnlyTheServerReads() throws Exception {
        String database = TestDatabase.createDatabase("firstpw_" + UUID.randomUUID().toString().substring(0, 8));
        try (io.crmkit.it.support.SecondServer server = new io.crmkit.it.support.SecondServer("first-password-node", java.util.Map.of(
                "db.url", database, "db.user", "postgres", "db.password", "postgres",
                "whatsapp.sandbox.enabled", "false"))) {
            server.start();
            String password = server.adminPassword();
            assertTrue(password.length() >= 12, "a generated password was written for the administrator");
            assertEquals(200, ApiClient.as(server.url(), "admin", password).get("/api/crm/session").status());
            assertEquals(java.util.Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                            java.nio.file.attribute.PosixFilePermission.OWNER_WRITE),
                    java.nio.file.Files.getPosixFilePermissions(server.dataFolder().resolve("initial-admin-password")));
            String log = java.nio.file.Files.readString(server.log());
            assertFalse(log.contains(password), "the password is in no log line");
            assertTrue(log.contains("initial-admin-password"), "the log says where to find it");
        }
    }

    /**
     * A caller's address of its own, from the documentation range 203.0.113.0/24 and told by a trusted proxy (the test
     * deployment trusts this machine): the throttling tests' guesses count against addresses no other test uses.
     */
    private String someAddress() {
        return "203.0.113." + (1 + seeds.random().nextInt(254));
    }

    @Test
    @Order(100)
    void failedBasicLoginsWaitLongerEachTimeAndASuccessStartsAfresh() throws InterruptedException {
        String user = newAgent("the-right-password");
        String address = someAddress();
        ApiClient guesser = ApiClient.as(base, user, "a-wrong-password").forwardedFor(address);
        for (int attempt = 1; attempt < 5; attempt++) {
            assertEquals(401, guesser.get("/api/crm/session").status(), "attempt " + attempt);
        }
        assertEquals(401, guesser.get("/api/crm/session").status(), "the fifth failure is answered, and starts the waiting");
        Answer throttled = guesser.get("/api/crm/session");
        assertEquals(429, throttled.status());
        assertEquals("TOO_MANY_ATTEMPTS", throttled.code());
        int retryAfter = Integer.parseInt(throttled.header("Retry-After"));
        assertTrue(retryAfter >= 1);
        ApiClient rightful = ApiClient.as(base, user, "the-right-password").forwardedFor(address);
        assertEquals(429, rightful.get("/api/crm/session").status(), "while it waits, even the right password is not checked");

        // A throttled attempt is not counted: asking until the wait is over proves it ends, within the time announced
        // (and a margin for a busy machine), without guessing how long the machine takes to get there.
        eventually("the right password checked once the announced wait is over", retryAfter + 10,
                () -> rightful.get("/api/crm/session").status() != 429);
        assertEquals(200, rightful.get("/api/crm/session").status());
        assertEquals(401, guesser.get("/api/crm/session").status(), "the success cleared the count of the pair");
    }

    @Test
    @Order(101)
    void failedFormLoginsAreThrottledToo() {
        String user = newAgent("form-password");
        BrowserSession browser = BrowserSession.behindProxyAs(base, someAddress());
        for (int attempt = 1; attempt <= 5; attempt++) {
            HttpResponse<String> failed = browser.logIn(user, "wrong");
            assertEquals(302, failed.statusCode());
            assertTrue(failed.headers().firstValue("Location").orElse("").contains("error=credentials"));
        }
        HttpResponse<String> throttled = browser.logIn(user, "form-password");
        assertEquals(429, throttled.statusCode());
        assertTrue(throttled.headers().firstValue("Retry-After").isPresent());
    }

    @Test
    @Order(102)
    void thirtyGuessesInARowCostAtMostAHandfulOfPasswordChecks() {
        String user = newAgent("never-guessed");
        ApiClient guesser = ApiClient.as(base, user, "guess").forwardedFor(someAddress());
        long refused = 0;
        long throttled = 0;
        for (int attempt = 0; attempt < 30; attempt++) {
            int status = guesser.get("/api/crm/session").status();
            refused += status == 401 ? 1 : 0;
            throttled += status == 429 ? 1 : 0;
        }
        assertTrue(refused <= 5, refused + " guesses were checked");
        assertEquals(30 - refused, throttled);
        assertFalse(ApiClient.anonymous(base).get("/health").body().contains("DOWN"), "the server stays healthy");
        assertEquals(200, admin().get("/api/crm/session").status(), "a user who logged in a moment ago carries on");
    }

    @Test
    @Order(103)
    void whoeverGuessesAUsersPasswordCannotLockTheUserOut() {
        String user = newAgent("only-mine-to-know");
        ApiClient guesser = ApiClient.as(base, user, "guess").forwardedFor("198.51.100.7");
        for (int attempt = 0; attempt < 12; attempt++) {
            guesser.get("/api/crm/session");
        }
        assertEquals(429, guesser.get("/api/crm/session").status(), "the guesser waits");
        assertEquals(200, ApiClient.as(base, user, "only-mine-to-know").forwardedFor(someAddress()).get("/api/crm/session").status(),
                "the user, from an address that never failed, gets in at once");
    }

    @Test
    @Order(104)
    void aSuccessFromAnAddressDoesNotWipeOutTheGuessesMadeFromIt() throws InterruptedException {
        String address = someAddress();
        ApiClient guesser = ApiClient.as(base, newAgent("the-guessers-own"), "the-guessers-own").forwardedFor(address);
        for (int name = 0; name < 20; name++) {
            assertEquals(401, ApiClient.as(base, "nobody-" + name + "-" + address, "guess").forwardedFor(address)
                    .get("/api/crm/session").status(), "guess " + name);
        }
        eventually("the guesser's own login once the address's wait is over", 15,
                () -> guesser.get("/api/crm/session").status() == 200);
        assertEquals(401, ApiClient.as(base, "nobody-else", "guess").forwardedFor(address).get("/api/crm/session").status());
        Answer throttled = ApiClient.as(base, "nobody-more", "guess").forwardedFor(address).get("/api/crm/session");
        assertEquals(429, throttled.status(), "the address's count went on from where it was");
        assertTrue(Integer.parseInt(throttled.header("Retry-After")) >= 2, throttled.header("Retry-After"));
    }
}
