package io.crmkit.it;

import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.BrowserSession;
import io.crmkit.it.support.ApiClient.Answer;
import io.crmkit.it.support.Deployments;
import io.crmkit.it.support.EmbeddedDatabaseSession;
import io.crmkit.it.support.Organisations;
import io.crmkit.it.support.Seeds;
import io.crmkit.it.support.TestDatabase;
import jakarta.json.Json;
import jakarta.json.JsonArray;
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
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The host CRM's REST API as partners and scripts use it: CRUD, authentication, authorisation, refusals. */
@ExtendWith(ArquillianExtension.class)
class HostApiIT {
    @RegisterExtension
    final Seeds seeds = new Seeds();


    @ArquillianResource
    URL base;

    @Deployment(testable = false)
    static WebArchive application() {
        return Deployments.application();
    }

    private ApiClient admin() {
        return Organisations.administrator(base);
    }

    private static String unique(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonObject json(Object... pairs) {
        var builder = Json.createObjectBuilder();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            if (value == null) {
                builder.addNull((String) pairs[i]);
            } else if (value instanceof Number number) {
                builder.add((String) pairs[i], Json.createValue(number.toString().contains(".")
                        ? new java.math.BigDecimal(number.toString()) : java.math.BigDecimal.valueOf(number.longValue())));
            } else if (value instanceof Boolean flag) {
                builder.add((String) pairs[i], flag);
            } else {
                builder.add((String) pairs[i], value.toString());
            }
        }
        return builder.build();
    }

    /** A user of the Standard profile, created through the API by the administrator. */
    private ApiClient standardUser() {
        return userOf(profileId("Standard"));
    }

    private ApiClient userOf(long profile) {
        String username = unique("agent");
        Answer created = admin().post("/api/crm/users", json("username", username, "name", "Agent Smith",
                "email", username + "@example.com", "profileId", profile, "password", "agent-password-1"));
        assertEquals(201, created.status(), created.body());
        return ApiClient.as(base, username, "agent-password-1");
    }

    private long profileId(String name) {
        for (JsonValue profile : admin().get("/api/crm/profiles").structure().asJsonArray()) {
            if (profile.asJsonObject().getString("name").equals(name)) {
                return profile.asJsonObject().getJsonNumber("id").longValue();
            }
        }
        throw new AssertionError("no profile " + name);
    }

    @Test
    void contactsAreCreatedReadFoundByPhoneAndUpdated() {
        // A number of its own: other tests' customers write from other numbers into the same database.
        String local = seeds.japaneseMobile().substring("8190".length());
        String e164 = "+8190" + local;
        Answer created = admin().post("/api/crm/contacts",
                json("firstName", "Hanako", "lastName", "Sato", "phone", "+81 90-" + local.substring(0, 4) + "-" + local.substring(4),
                        "email", "hanako@example.jp"));
        assertEquals(201, created.status(), created.body());
        long id = created.id();
        assertEquals(e164, created.json().getString("phone"));

        JsonObject read = admin().get("/api/crm/contacts/" + id).json();
        assertEquals("Hanako", read.getString("firstName"));
        assertEquals("hanako@example.jp", read.getString("email"));

        JsonArray byPhone = admin().get("/api/crm/contacts?phone=%2B" + e164.substring(1)).json().getJsonArray("items");
        assertEquals(List.of(id), byPhone.stream().map(v -> v.asJsonObject().getJsonNumber("id").longValue()).toList());

        Answer patched = admin().patch("/api/crm/contacts/" + id, json("phone", "+81 80 3333 4444", "email", null));
        assertEquals(200, patched.status(), patched.body());
        JsonObject after = admin().get("/api/crm/contacts/" + id).json();
        assertEquals("+818033334444", after.getString("phone"));
        assertFalse(after.containsKey("email") && !after.isNull("email"), "email cleared");
        assertEquals("Sato", after.getString("lastName"), "fields the PATCH does not name stay");
    }

    @Test
    void companiesAreCreatedReadAndUpdated() {
        String name = unique("Acme ");
        Answer created = admin().post("/api/crm/companies", json("name", name, "website", "https://acme.example"));
        assertEquals(201, created.status(), created.body());
        long id = created.id();
        assertEquals(name, admin().get("/api/crm/companies/" + id).json().getString("name"));
        assertEquals(200, admin().patch("/api/crm/companies/" + id, json("name", name + " Ltd")).status());
        assertEquals(name + " Ltd", admin().get("/api/crm/companies/" + id).json().getString("name"));
        JsonArray found = admin().get("/api/crm/companies?q=" + name.substring(5)).json().getJsonArray("items");
        assertEquals(1, found.size());
    }

    @Test
    void pipelineRecordsMoveThroughStages() {
        JsonArray stages = admin().get("/api/crm/pipelines/stages").structure().asJsonArray();
        assertEquals("Qualification", stages.getString(0));
        long contact = admin().post("/api/crm/contacts", json("firstName", "Deal", "lastName", "Maker")).id();
        Answer created = admin().post("/api/crm/pipelines", json("name", unique("Deal "), "stage", "Qualification",
                "amount", 1500.25, "contactId", contact));
        assertEquals(201, created.status(), created.body());
        assertEquals("1500.25", created.json().getJsonNumber("amount").bigDecimalValue().toPlainString());

        Answer moved = admin().patch("/api/crm/pipelines/" + created.id(), json("stage", "Proposal"));
        assertEquals("Proposal", moved.json().getString("stage"));
        assertEquals(contact, moved.json().getJsonNumber("contactId").longValue());

        Answer badStage = admin().patch("/api/crm/pipelines/" + created.id(), json("stage", "Dreaming"));
        assertEquals(400, badStage.status());
        assertEquals("stage", badStage.json().getString("field"));
        assertEquals("Proposal", admin().get("/api/crm/pipelines/" + created.id()).json().getString("stage"));
    }

    @Test
    void notesAreKeptOnRecords() {
        long contact = admin().post("/api/crm/contacts", json("firstName", "Noted")).id();
        Answer note = admin().post("/api/crm/contacts/" + contact + "/notes", json("text", "Called, wants a quote"));
        assertEquals(201, note.status(), note.body());
        JsonArray notes = admin().get("/api/crm/contacts/" + contact + "/notes").structure().asJsonArray();
        assertEquals("Called, wants a quote", notes.getJsonObject(0).getString("text"));
        assertEquals(404, admin().get("/api/crm/contacts/999999999/notes").status());
        assertEquals(404, admin().get("/api/crm/planets/" + contact + "/notes").status());
    }

    @Test
    void administratorsManageUsersAndProfiles() {
        Answer profile = admin().post("/api/crm/profiles", json("name", unique("Support ")));
        assertEquals(201, profile.status(), profile.body());
        String username = unique("user");
        Answer user = admin().post("/api/crm/users", json("username", username, "name", "New Person",
                "profileId", profile.id(), "password", "a-long-password"));
        assertEquals(201, user.status(), user.body());
        assertFalse(user.body().contains("password"), "the answer never shows the password");
        assertEquals(200, ApiClient.as(base, username, "a-long-password").get("/api/crm/session").status());

        Answer deactivated = admin().patch("/api/crm/users/" + user.id(), json("active", false));
        assertFalse(deactivated.json().getBoolean("active"));
        assertEquals(401, ApiClient.as(base, username, "a-long-password").get("/api/crm/session").status());
    }

    @Test
    void requestsWithoutValidCredentialsGet401Problems() {
        Answer anonymous = ApiClient.anonymous(base).get("/api/crm/contacts");
        assertEquals(401, anonymous.status());
        assertTrue(anonymous.isProblem(), anonymous.contentType());
        assertEquals("UNAUTHORIZED", anonymous.code());
        assertEquals(401, ApiClient.as(base, "admin", "wrong-password").get("/api/crm/contacts").status());
        assertEquals(401, ApiClient.anonymous(base).get("/api/whatsapp/anything").status());
    }

    @Test
    void standardUsersGet403OnAdministratorEndpoints() {
        ApiClient agent = standardUser();
        Answer createUser = agent.post("/api/crm/users", json("username", unique("x"), "name", "X",
                "profileId", profileId("Standard"), "password", "another-password"));
        assertEquals(403, createUser.status());
        assertEquals("FORBIDDEN", createUser.code());
        assertEquals(403, agent.post("/api/crm/profiles", json("name", unique("Sneaky "))).status());
        assertEquals(200, agent.get("/api/crm/contacts").status(), "standard users work with records");
    }

    @Test
    void theShellListsExactlyWhatThePluginContributes() {
        JsonObject view = admin().get("/api/crm/contributions").json();
        JsonObject plugin = view.getJsonArray("plugins").getJsonObject(0);
        assertEquals("whatsapp", plugin.getString("id"));

        List<String> contributions = view.getJsonArray("contributions").stream().map(JsonValue::asJsonObject)
                .map(c -> c.getString("kind") + " " + c.getString("id") + " " + c.getString("elementName") + " "
                        + c.getJsonObject("title").getString("en") + "/" + c.getJsonObject("title").getString("ja")
                        + (c.containsKey("module") ? " " + c.getString("module") : ""))
                .toList();
        assertEquals(List.of(
                "MAIN_TAB messages whatsapp-messages-tab Messages/メッセージ",
                "SETTINGS_SCREEN channels whatsapp-channels-settings Messages/メッセージ",
                "SETTINGS_SCREEN templates whatsapp-templates-settings Templates/テンプレート",
                "SETTINGS_SCREEN quick-replies whatsapp-quick-replies-settings Quick replies/クイック返信",
                "SETTINGS_SCREEN permissions whatsapp-permissions-settings Permissions/権限",
                "SETTINGS_SCREEN delivery-problems whatsapp-delivery-problems-settings Delivery problems/配信の問題",
                "SETTINGS_SCREEN credits whatsapp-credits-settings Credits/クレジット",
                "RECORD_PANEL contact-messages whatsapp-record-panel WhatsApp messages/WhatsApp メッセージ contacts",
                "RECORD_PANEL pipeline-messages whatsapp-record-panel WhatsApp messages/WhatsApp メッセージ pipelines"),
                contributions);

        JsonArray forAgent = standardUser().get("/api/crm/contributions").json().getJsonArray("contributions");
        assertEquals(0, forAgent.size(), "a profile without a WhatsApp level and without administration sees nothing");

        Answer module = ApiClient.anonymous(base).get("/whatsapp/ui/credits-settings.js");
        assertEquals(200, module.status(), "the plugin's web components are served from its jar");
    }

    @Test
    void aGrantedLevelShowsTheMessagesTabButNoSettings() {
        // A profile of its own: the shared Standard profile stays as every other test expects it.
        long viewers = admin().post("/api/crm/profiles", json("name", unique("Viewers "))).id();
        assertEquals(200, admin().put("/api/whatsapp/permissions/" + viewers, json("level", "VIEW_ONLY")).status());
        List<String> visible = userOf(viewers).get("/api/crm/contributions").json().getJsonArray("contributions").stream()
                .map(c -> c.asJsonObject().getString("id")).toList();
        assertEquals(List.of("messages", "contact-messages", "pipeline-messages"), visible);
    }

    @Test
    void badInputIsRefusedWithAProblemAndNothingIsStored() {
        long contact = admin().post("/api/crm/contacts", json("firstName", "Target")).id();
        long before = TestDatabase.recordCount();
        assertProblem(400, "VALIDATION_FAILED", "lastName",
                admin().post("/api/crm/contacts", json("email", "nameless@example.com")));
        assertProblem(400, "VALIDATION_FAILED", "phone",
                admin().post("/api/crm/contacts", json("firstName", "Bad", "phone", "0000")));
        assertProblem(400, "VALIDATION_FAILED", "email",
                admin().post("/api/crm/contacts", json("firstName", "Bad", "email", "not-an-email")));
        assertProblem(400, "VALIDATION_FAILED", "firstName",
                admin().post("/api/crm/contacts", json("firstName", "x".repeat(101))));
        assertProblem(400, "VALIDATION_FAILED", "companyId",
                admin().post("/api/crm/contacts", json("firstName", "Orphan", "companyId", 999999999)));
        assertProblem(400, "VALIDATION_FAILED", "companyId",
                admin().post("/api/crm/contacts", json("firstName", "Typed", "companyId", "twelve")));
        assertProblem(400, "VALIDATION_FAILED", "name", admin().post("/api/crm/companies", json("name", " ")));
        assertProblem(400, "VALIDATION_FAILED", "stage",
                admin().post("/api/crm/pipelines", json("name", "Deal", "stage", "Nope")));
        assertProblem(400, "VALIDATION_FAILED", "amount",
                admin().post("/api/crm/pipelines", json("name", "Deal", "stage", "Proposal", "amount", -5)));
        assertProblem(400, "VALIDATION_FAILED", "text", admin().post("/api/crm/contacts/" + contact + "/notes", json("text", "")));
        assertProblem(400, "VALIDATION_FAILED", "password", admin().post("/api/crm/users",
                json("username", unique("u"), "name", "Short", "profileId", profileId("Standard"), "password", "short")));
        assertProblem(400, "VALIDATION_FAILED", "username", admin().post("/api/crm/users",
                json("username", "admin", "name", "Twin", "profileId", profileId("Standard"), "password", "long-enough-pw")));
        assertProblem(400, "VALIDATION_FAILED", "limit", admin().get("/api/crm/contacts?limit=0"));
        assertProblem(400, "VALIDATION_FAILED", "cursor", admin().get("/api/crm/contacts?cursor=forged"));

        Answer malformed = admin().postRaw("/api/crm/contacts", "application/json", "{\"firstName\": ");
        assertEquals(400, malformed.status());
        assertEquals("MALFORMED_PAYLOAD", malformed.code());

        Answer unknown = admin().get("/api/crm/contacts/999999999");
        assertEquals(404, unknown.status());
        assertEquals("NOT_FOUND", unknown.code());
        assertEquals(404, admin().patch("/api/crm/pipelines/999999999", json("name", "Ghost")).status());

        assertEquals(before, TestDatabase.recordCount(), "refused requests store nothing");
        Answer health = admin().get("/health");
        assertEquals(200, health.status(), "the server stays healthy");
        assertTrue(health.body().contains("\"database\""), health.body());
    }

    @Test
    void refusalsSpeakTheUsersLanguageFromTheShellsChoiceOrTheBrowsers() {
        Answer english = admin().get("/api/crm/contacts/999999999");
        assertEquals("Contact 999999999 does not exist", english.json().getString("detail"));

        Answer byBrowser = admin().getWith("/api/crm/contacts/999999999", "Accept-Language", "ja-JP,ja;q=0.9");
        assertEquals("NOT_FOUND", byBrowser.code(), "the code stays the contract's");
        assertEquals("連絡先 999999999 は存在しません", byBrowser.json().getString("detail"));

        Answer byShellChoice = admin().getWith("/api/whatsapp/conversations?limit=0", "Cookie", "crm-lang=ja",
                "Accept-Language", "en");
        assertEquals("VALIDATION_FAILED", byShellChoice.code());
        assertEquals("limit", byShellChoice.json().getString("field"));
        assertEquals("limit は 1 から 200 の間で指定してください", byShellChoice.json().getString("detail"),
                "the plugin answers in the language chosen in the shell, over the browser's");

        Answer pluginInEnglish = admin().getWith("/api/whatsapp/conversations?limit=0", "Cookie", "crm-lang=en",
                "Accept-Language", "ja");
        assertEquals("Limit must be between 1 and 200", pluginInEnglish.json().getString("detail"));

        Answer anonymous = ApiClient.anonymous(base).getWith("/api/crm/contacts", "Accept-Language", "ja");
        assertEquals(401, anonymous.status());
        assertTrue(anonymous.json().getString("detail").startsWith("ログインページでログイン"), anonymous.body());
    }

    private static void assertProblem(int status, String code, String field, Answer answer) {
        assertEquals(status, answer.status(), answer.body());
        assertTrue(answer.isProblem(), answer.contentType());
        assertEquals(code, answer.code());
        assertEquals(field, answer.json().getString("field"));
        assertFalse(answer.json().getString("detail").isBlank());
    }

    @Test
    void listsArePaginatedNewestFirst() {
        String token = unique("Page");
        for (int i = 0; i < 3; i++) {
            admin().post("/api/crm/contacts", json("firstName", token, "lastName", "n" + i));
        }
        JsonObject first = admin().get("/api/crm/contacts?q=" + token + "&limit=2").json();
        assertEquals(List.of("n2", "n1"), lastNames(first));
        JsonObject second = admin().get("/api/crm/contacts?q=" + token + "&limit=2&cursor=" + first.getString("nextCursor")).json();
        assertEquals(List.of("n0"), lastNames(second));
        assertFalse(second.containsKey("nextCursor") && !second.isNull("nextCursor"));
    }

    private static List<String> lastNames(JsonObject page) {
        return page.getJsonArray("items").stream().map(v -> v.asJsonObject().getString("lastName")).toList();
    }

    @Test
    void anotherOrganisationSeesNoneOfThisOnesRecords() {
        long ours = admin().post("/api/crm/contacts", json("firstName", "Ours", "phone", "+81 90 5555 6666")).id();
        ApiClient outsider = outsider();

        assertEquals(404, outsider.get("/api/crm/contacts/" + ours).status());
        assertEquals(404, outsider.patch("/api/crm/contacts/" + ours, json("firstName", "Stolen")).status());
        assertEquals(404, outsider.post("/api/crm/contacts/" + ours + "/notes", json("text", "peek")).status());
        assertEquals(0, outsider.get("/api/crm/contacts?phone=%2B819055556666").json().getJsonArray("items").size());
        assertEquals("Ours", admin().get("/api/crm/contacts/" + ours).json().getString("firstName"));
    }

    @Test
    void browserSessionsNeedTheCsrfTokenForChanges() {
        BrowserSession browser = new BrowserSession(base);
        var forged = browser.postForm("login", "csrf=forged&username=admin&password=" + EmbeddedDatabaseSession.ADMIN_PASSWORD);
        assertTrue(forged.headers().firstValue("Location").orElse("").contains("error=expired"));

        var login = browser.postForm("login", "csrf=" + browser.loginFormToken() + "&next=%2Fapp%2Fcontacts"
                + "&username=admin&password=" + EmbeddedDatabaseSession.ADMIN_PASSWORD);
        assertEquals(302, login.statusCode());
        assertTrue(login.headers().firstValue("Location").orElse("").endsWith("/app/contacts"));
        String token = browser.sessionToken();

        var withoutToken = browser.send(java.net.http.HttpRequest.newBuilder(browser.resolve("api/crm/companies"))
                .header("Content-Type", "application/json")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"Forged\"}")).build());
        assertEquals(403, withoutToken.statusCode());
        assertEquals(0, TestDatabase.number("select count(*) from crm.company where name = 'Forged'"));

        var withToken = browser.send(java.net.http.HttpRequest.newBuilder(browser.resolve("api/crm/companies"))
                .header("Content-Type", "application/json").header("X-CSRF-Token", token)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"Genuine\"}")).build());
        assertEquals(201, withToken.statusCode(), withToken.body());
    }

    private ApiClient outsider() {
        return Organisations.outsider(base);
    }
}
