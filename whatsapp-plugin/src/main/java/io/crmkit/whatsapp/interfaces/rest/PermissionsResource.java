package io.crmkit.whatsapp.interfaces.rest;

import io.crmkit.whatsapp.application.Permissions;
import io.crmkit.whatsapp.domain.AccessLevel;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** {@code /api/whatsapp/permissions}: the WhatsApp level of each profile (Settings > Permissions), for administrators. */
@Path("whatsapp/permissions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PermissionsResource {
    @Inject
    Permissions permissions;
    @Inject
    Callers callers;

    /** @param administrator administrator profiles always have {@code VIEW_AND_REPLY} */
    public record ProfileLevelView(long profileId, String profileName, boolean administrator, String level) {
        static ProfileLevelView of(Permissions.ProfileLevel level) {
            return new ProfileLevelView(level.profile().id(), level.profile().name(), level.profile().administrator(),
                    level.level().name());
        }
    }

    @GET
    public List<ProfileLevelView> list() {
        return permissions.levels(callers.administrator()).stream().map(ProfileLevelView::of).toList();
    }

    /** Sets a profile's level: {@code {level: VIEW_AND_REPLY | VIEW_ONLY | NONE}}. */
    @PUT
    @Path("{profileId: [0-9]+}")
    public ProfileLevelView grant(@PathParam("profileId") long profileId, JsonObject body) {
        var admin = callers.administrator();
        String requested = body == null ? "" : body.getString("level", "");
        AccessLevel level;
        try {
            level = AccessLevel.valueOf(requested);
        } catch (IllegalArgumentException unknown) {
            throw Refusal.invalid("level", RefusalText.MUST_BE_ONE_OF, "level", "VIEW_AND_REPLY, VIEW_ONLY, NONE");
        }
        return ProfileLevelView.of(permissions.grant(admin, profileId, level));
    }
}
