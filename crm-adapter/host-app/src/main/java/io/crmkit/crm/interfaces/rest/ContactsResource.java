package io.crmkit.crm.interfaces.rest;

import io.crmkit.crm.application.ContactDraft;
import io.crmkit.crm.application.ContactService;
import io.crmkit.crm.domain.Contact;
import io.crmkit.crm.interfaces.security.CallerContext;
import io.crmkit.plugin.api.RecordModule;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.util.List;

/** {@code /api/crm/contacts}: contacts of the caller's organisation. */
@Path("crm/contacts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactsResource {
    @Inject
    ContactService contacts;
    @Inject
    CallerContext caller;
    @Inject
    RecordNotes recordNotes;

    /** A contact as the API shows it. */
    public record ContactView(long id, String firstName, String lastName, String phone, String email, Long companyId,
                              Long ownerId) {
        static ContactView of(Contact c) {
            return new ContactView(c.id(), c.firstName(), c.lastName(), c.phone().orElse(null),
                    c.email().orElse(null), c.companyId().orElse(null), c.ownerId().orElse(null));
        }
    }

    /** With {@code phone}: every contact with that number (any notation); otherwise a page of a search. */
    @GET
    public Paging.ListPage<ContactView> list(@QueryParam("phone") String phone, @QueryParam("q") String text,
                                             @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        long org = caller.require().organisationId();
        if (phone != null) {
            return new Paging.ListPage<>(contacts.findByPhone(org, phone).stream().map(ContactView::of).toList(), null);
        }
        return Paging.ListPage.of(contacts.search(org, text, Paging.limit(limit), Paging.after(cursor))
                .map(ContactView::of));
    }

    @GET
    @Path("{id}")
    public ContactView get(@PathParam("id") long id) {
        return ContactView.of(contacts.get(caller.require().organisationId(), id));
    }

    @POST
    public Response create(JsonObject body) {
        JsonInput in = JsonInput.of(body);
        ContactDraft draft = new ContactDraft(in.text("firstName").orElse(""), in.text("lastName").orElse(""),
                in.text("phone"), in.text("email"), in.id("companyId"), in.id("ownerId"));
        Contact created = contacts.create(caller.require().organisationId(), draft);
        return Response.created(URI.create("/api/crm/contacts/" + created.id())).entity(ContactView.of(created)).build();
    }

    /** Changes the fields the body names; {@code null} clears an optional field. */
    @PATCH
    @Path("{id}")
    public ContactView update(@PathParam("id") long id, JsonObject body) {
        JsonInput in = JsonInput.of(body);
        long org = caller.require().organisationId();
        Contact current = contacts.get(org, id);
        ContactDraft draft = new ContactDraft(
                in.has("firstName") ? in.text("firstName").orElse("") : current.firstName(),
                in.has("lastName") ? in.text("lastName").orElse("") : current.lastName(),
                in.patched("phone", in.text("phone"), current.phone()),
                in.patched("email", in.text("email"), current.email()),
                in.patched("companyId", in.id("companyId"), current.companyId()),
                in.patched("ownerId", in.id("ownerId"), current.ownerId()));
        return ContactView.of(contacts.update(org, id, draft));
    }

    @GET
    @Path("{id}/notes")
    public List<RecordNotes.NoteView> notes(@PathParam("id") long id) {
        return recordNotes.list(RecordModule.CONTACTS, id);
    }

    @POST
    @Path("{id}/notes")
    public Response addNote(@PathParam("id") long id, JsonObject body) {
        return recordNotes.add(RecordModule.CONTACTS, id, body);
    }
}
