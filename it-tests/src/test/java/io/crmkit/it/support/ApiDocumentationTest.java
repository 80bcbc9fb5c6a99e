package io.crmkit.it.support;

import io.crmkit.it.support.ApiDocumentation.Differences;
import io.crmkit.it.support.ApiDocumentation.Operation;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How the contract's Markdown and the OpenAPI document are read into operations, and compared. */
class ApiDocumentationTest {

    @Test
    void readsOperationsFromListItemsAndTableRowsOnly() {
        String markdown = """
                # The HTTP contract
                Prose that mentions `DELETE /api/prose/{id}` lists nothing.

                - `GET /api/whatsapp/channels` — the numbers
                * `POST /api/whatsapp/channels/{id}/check` — asks Meta
                1. `PUT /api/whatsapp/quick-replies/{id}` — changes one

                | operation | what |
                | --- | --- |
                | `PATCH /api/whatsapp/conversations/{id}` | assigns the owner |
                | `GET /api/whatsapp/conversations?view=MINE&unread=true` | the inbox |
                """;

        assertEquals(Set.of(new Operation("GET", "/api/whatsapp/channels"),
                        new Operation("POST", "/api/whatsapp/channels/{id}/check"),
                        new Operation("PUT", "/api/whatsapp/quick-replies/{id}"),
                        new Operation("PATCH", "/api/whatsapp/conversations/{id}"),
                        new Operation("GET", "/api/whatsapp/conversations")),
                ApiDocumentation.documented(markdown));
    }

    @Test
    void skipsSectionsMarkedAsNotInOpenApiWithTheirSubsections() {
        String markdown = """
                ## Served by the server itself (not in `/openapi`)
                - `GET /health` — counts
                ### Pages
                - `GET /login` — the login page
                ## The plugin
                - `GET /api/whatsapp/me` — who is asking
                """;

        assertEquals(Set.of(new Operation("GET", "/api/whatsapp/me")), ApiDocumentation.documented(markdown));
    }

    @Test
    void readsEveryMethodOfEveryPathAndIgnoresOtherKeysOfAPathItem() {
        JsonObject openApi = json("""
                {"openapi": "3.0.3", "paths": {
                  "/api/whatsapp/channels": {"get": {}, "post": {}, "parameters": []},
                  "/api/whatsapp/channels/{id: [0-9]+}/": {"delete": {}, "summary": "one number"}
                }}""");

        assertEquals(Set.of(new Operation("GET", "/api/whatsapp/channels"), new Operation("POST", "/api/whatsapp/channels"),
                        new Operation("DELETE", "/api/whatsapp/channels/{id}")),
                ApiDocumentation.published(openApi));
    }

    @Test
    void namesWhatEachSideLacks() {
        List<Operation> published = List.of(new Operation("GET", "/api/a"), new Operation("POST", "/api/a"));
        List<Operation> documented = List.of(new Operation("get", "/api/a"), new Operation("DELETE", "/api/a/"));

        Differences differences = ApiDocumentation.compare(published, documented);

        assertFalse(differences.none());
        assertEquals(Set.of(new Operation("POST", "/api/a")), differences.undocumented());
        assertEquals(Set.of(new Operation("DELETE", "/api/a")), differences.unpublished());
        assertTrue(differences.describe().contains("/openapi has and docs/api.md lacks:\n  POST /api/a"), differences.describe());
        assertTrue(differences.describe().contains("docs/api.md lists and /openapi does not have:\n  DELETE /api/a"),
                differences.describe());
    }

    @Test
    void agreesWhenBothListTheSame() {
        assertTrue(ApiDocumentation.compare(List.of(new Operation("GET", "/api/a")), List.of(new Operation("GET", "/api/a")))
                .none());
    }

    private static JsonObject json(String text) {
        return Json.createReader(new StringReader(text)).readObject();
    }
}
