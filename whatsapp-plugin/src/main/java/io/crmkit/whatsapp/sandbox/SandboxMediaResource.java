package io.crmkit.whatsapp.sandbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Response;

/**
 * The media download URLs the Graph API hands out ({@code /sandbox/media/{key}}): they need the Bearer
 * token of the medium's account and expire after five minutes (404 after that, like Meta's).
 */
@Path("media")
@ApplicationScoped
public class SandboxMediaResource {
    @Inject
    SandboxMedia media;
    @Inject
    SandboxState state;
    @Inject
    SandboxFaults faults;

    @GET
    @Path("{key}")
    public Response download(@PathParam("key") String key, @HeaderParam("Authorization") String authorization) {
        String token = authorization != null && authorization.startsWith("Bearer ") ? authorization.substring(7) : null;
        var fault = faults.take("GET", "/media/" + key);
        if (fault.isPresent()) {
            return Response.status(fault.get().status).build();
        }
        return media.download(key)
                .map(medium -> state.tokenMayManage(token, medium.wabaId())
                        ? Response.ok(medium.bytes(), medium.mimeType()).build()
                        : MetaErrorBodies.invalidToken())
                .orElseGet(() -> Response.status(Response.Status.NOT_FOUND).build());
    }
}
