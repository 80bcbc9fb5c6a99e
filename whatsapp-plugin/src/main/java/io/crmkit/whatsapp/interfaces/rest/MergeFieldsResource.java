package io.crmkit.whatsapp.interfaces.rest;

import io.crmkit.whatsapp.application.Permissions;
import io.crmkit.whatsapp.domain.MergeField;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/** {@code /api/whatsapp/merge-fields}: the {@code #Module.Field#} fields texts may use, for the screens' pickers. */
@Path("whatsapp/merge-fields")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class MergeFieldsResource {
    @Inject
    Permissions permissions;
    @Inject
    Callers callers;

    @GET
    public List<String> list() {
        permissions.requireView(callers.user());
        return MergeField.tokens();
    }
}
