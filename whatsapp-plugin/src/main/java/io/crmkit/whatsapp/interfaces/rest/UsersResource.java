package io.crmkit.whatsapp.interfaces.rest;

import io.crmkit.whatsapp.application.Permissions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * {@code /api/whatsapp/users}: the organisation's users as the plugin's screens need them (owners of chats,
 * a number's assignees), with the WhatsApp level each has, served from the host's user directory so that the
 * screens call nothing of a particular host.
 */
@Path("whatsapp/users")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {
    @Inject
    Permissions permissions;
    @Inject
    Callers callers;

    /** @param level {@code VIEW_AND_REPLY}, {@code VIEW_ONLY} or {@code NONE}: whether chats dealt to them would be seen */
    public record UserView(long id, String name, boolean active, String level) {
    }

    @GET
    public List<UserView> list() {
        return permissions.usersWithLevels(callers.user()).stream().map(u -> new UserView(u.user().id(), u.user().name(),
                u.user().active(), u.level().name())).toList();
    }
}
