package io.crmkit.whatsapp.interfaces.rest;

import io.crmkit.plugin.api.Contact;
import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.plugin.api.PageRequest;
import io.crmkit.whatsapp.application.Permissions;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.util.List;

/**
 * {@code GET /api/whatsapp/contacts?q=}: the CRM's contacts for "New WhatsApp chat", found through the host's
 * services, so that the plugin's screens never call the host's own endpoints.
 */
@Path("whatsapp/contacts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class ContactsResource {
    private static final int SHOWN = 20;

    @Inject
    CrmHost host;
    @Inject
    Permissions permissions;
    @Inject
    Callers callers;

    /** A contact as the chooser shows it: the name in the reader's order, and the number as its country writes it. */
    public record ContactChoice(long id, String name, String phone, String phoneDisplay) {
    }

    @GET
    public List<ContactChoice> search(@QueryParam("q") String words) {
        CurrentUser user = callers.user();
        permissions.requireReply(user);
        List<Contact> found = host.organisation(user.organisationId()).contacts()
                .search(words == null ? "" : words.strip(), PageRequest.first(SHOWN)).items();
        return found.stream().map(contact -> new ContactChoice(contact.id(), contact.displayNameIn(user.locale()),
                contact.phone().orElse(null), contact.phone().map(PhoneDisplay::of).orElse(null))).toList();
    }
}
