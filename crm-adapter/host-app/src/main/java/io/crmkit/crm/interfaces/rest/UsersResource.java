package io.crmkit.crm.interfaces.rest;

import io.crmkit.crm.application.UserAdministration.UserDraft;
import io.crmkit.crm.application.UserAdministration;
import io.crmkit.crm.domain.InvalidInputException;
import io.crmkit.crm.domain.Profile;
import io.crmkit.crm.domain.RefusalText;
import io.crmkit.crm.domain.UserAccount;
import io.crmkit.crm.interfaces.security.CallerContext;
import io.crmkit.plugin.api.CurrentUser;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

/** {@code /api/crm/users} and {@code /api/crm/profiles}; every user reads them, administrators change them. */
@Path("crm")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UsersResource {
    @Inject
    UserAdministration users;
    @Inject
    CallerContext caller;

    /** A user as the API shows it; never the password. */
    public record UserView(long id, String username, String name, String email, long profileId, boolean active) {
        static UserView of(UserAccount u) {
            return new UserView(u.id(), u.username(), u.name(), u.email().orElse(null), u.profileId(), u.isActive());
        }
    }

    /** A profile as the API shows it. */
    public record ProfileView(long id, String name, boolean administrator) {
        static ProfileView of(Profile p) {
            return new ProfileView(p.id(), p.name(), p.isAdministrator());
        }
    }

    @GET
    @Path("users")
    public List<UserView> list() {
        return users.users(caller.require().organisationId()).stream().map(UserView::of).toList();
    }

    @GET
    @Path("users/{id}")
    public UserView get(@PathParam("id") long id) {
        return UserView.of(users.get(caller.require().organisationId(), id));
    }

    @POST
    @Path("users")
    public Response create(JsonObject body) {
        CurrentUser admin = caller.require();
        AccessPolicy.requireAdministrator(admin);
        JsonInput in = JsonInput.of(body);
        UserDraft draft = new UserDraft(in.text("username").orElse(""), in.text("name").orElse(""), in.text("email"),
                in.id("profileId").orElseThrow(() -> new InvalidInputException("profileId", RefusalText.REQUIRED, "profileId")),
                in.bool("active").orElse(true));
        UserAccount created = users.create(admin.organisationId(), draft, in.text("password").orElse(""));
        return Response.created(URI.create("/api/crm/users/" + created.id())).entity(UserView.of(created)).build();
    }

    @PATCH
    @Path("users/{id}")
    public UserView update(@PathParam("id") long id, JsonObject body) {
        CurrentUser admin = caller.require();
        AccessPolicy.requireAdministrator(admin);
        JsonInput in = JsonInput.of(body);
        UserAccount current = users.get(admin.organisationId(), id);
        UserDraft draft = new UserDraft(current.username(),
                in.has("name") ? in.text("name").orElse("") : current.name(),
                in.patched("email", in.text("email"), current.email()),
                in.id("profileId").orElse(current.profileId()),
                in.bool("active").orElse(current.isActive()));
        if (id == admin.userId() && (!draft.active() || draft.profileId() != current.profileId())) {
            throw new InvalidInputException("active", RefusalText.CANNOT_CHANGE_ONESELF);
        }
        return UserView.of(users.update(admin.organisationId(), id, draft, in.text("password")));
    }

    @GET
    @Path("profiles")
    public List<ProfileView> profiles() {
        return users.profiles(caller.require().organisationId()).stream().map(ProfileView::of).toList();
    }

    @POST
    @Path("profiles")
    public Response createProfile(JsonObject body) {
        CurrentUser admin = caller.require();
        AccessPolicy.requireAdministrator(admin);
        Profile created = users.createProfile(admin.organisationId(), JsonInput.of(body).text("name").orElse(""));
        return Response.status(Response.Status.CREATED).entity(ProfileView.of(created)).build();
    }
}
