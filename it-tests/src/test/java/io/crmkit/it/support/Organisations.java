package io.crmkit.it.support;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.net.URL;
import java.util.UUID;

/** People of the test deployments: the first organisation's administrator, and outsiders from another one. */
public final class Organisations {
    private Organisations() {
    }

    /** The administrator created on the first start. */
    public static ApiClient administrator(URL base) {
        return ApiClient.as(base, "admin", EmbeddedDatabaseSession.ADMIN_PASSWORD);
    }

    public static long administratorId(URL base) {
        return administrator(base).get("/api/crm/session").json().getJsonObject("user").getJsonNumber("id").longValue();
    }

    /** A sandbox number connected by the first organisation's administrator, who is dealt its new chats: the channel. */
    public static JsonObject sandboxChannel(URL base, String name) {
        return administrator(base).post("/api/whatsapp/channels", Json.createObjectBuilder().add("mode", "SANDBOX")
                .add("name", name).add("assigneeIds", Json.createArrayBuilder().add(administratorId(base))).build()).json();
    }

    /**
     * The administrator of a new second organisation. The host has no API for organisations, so it is made
     * in the database, with the first administrator's password hash so that its password is known.
     */
    public static ApiClient outsider(URL base) {
        return outsider(base, "outsider" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** The administrator of a new organisation, logging in as {@code username} with the first administrator's password. */
    public static ApiClient outsider(URL base, String username) {
        long organisation = TestDatabase.update(
                "insert into crm.organisation (name, default_region, created_at) values ('Other Inc', 'JP', now()) returning id");
        long profile = TestDatabase.update("insert into crm.profile (organisation_id, name, administrator)"
                + " values (?, 'Administrator', true) returning id", organisation);
        TestDatabase.update("insert into crm.pipeline_stage (organisation_id, position, name)"
                + " values (?, 0, 'Qualification'), (?, 1, 'Closed won') returning id", organisation, organisation);
        TestDatabase.update("insert into crm.user_account (organisation_id, username, name, password_hash, profile_id, active, created_at)"
                + " select ?, ?, 'Outsider', password_hash, ?, true, now() from crm.user_account where username = 'admin'",
                organisation, username, profile);
        return ApiClient.as(base, username, EmbeddedDatabaseSession.ADMIN_PASSWORD);
    }

    /**
     * Credits enough for the first organisation's templates: business-initiated conversations cost credits, which the
     * reference host's fake processor sells.
     */
    public static void fundWithCredits(URL base) {
        ApiClient admin = administrator(base);
        if (admin.get("/api/whatsapp/credits").json().getJsonNumber("balance").intValue() < 200) {
            ApiClient.Answer bought = admin.post("/api/whatsapp/credits/purchases", jakarta.json.Json.createObjectBuilder()
                    .add("credits", 1000).build());
            if (bought.status() != 201) {
                throw new IllegalStateException("credits not bought: " + bought.body());
            }
        }
    }
}
