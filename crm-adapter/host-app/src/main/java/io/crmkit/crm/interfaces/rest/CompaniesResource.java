package io.crmkit.crm.interfaces.rest;

import io.crmkit.crm.application.CompanyService;
import io.crmkit.crm.application.CompanyService.CompanyDraft;
import io.crmkit.crm.domain.Company;
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

/** {@code /api/crm/companies}: companies of the caller's organisation. */
@Path("crm/companies")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CompaniesResource {
    @Inject
    CompanyService companies;
    @Inject
    CallerContext caller;
    @Inject
    RecordNotes recordNotes;

    /** A company as the API shows it. */
    public record CompanyView(long id, String name, String phone, String website) {
        static CompanyView of(Company c) {
            return new CompanyView(c.id(), c.name(), c.phone().orElse(null), c.website().orElse(null));
        }
    }

    @GET
    public Paging.ListPage<CompanyView> list(@QueryParam("q") String text, @QueryParam("limit") Integer limit,
                                             @QueryParam("cursor") String cursor) {
        return Paging.ListPage.of(companies.search(caller.require().organisationId(), text, Paging.limit(limit),
                Paging.after(cursor)).map(CompanyView::of));
    }

    @GET
    @Path("{id}")
    public CompanyView get(@PathParam("id") long id) {
        return CompanyView.of(companies.get(caller.require().organisationId(), id));
    }

    @POST
    public Response create(JsonObject body) {
        JsonInput in = JsonInput.of(body);
        Company created = companies.create(caller.require().organisationId(),
                new CompanyDraft(in.text("name").orElse(""), in.text("phone"), in.text("website")));
        return Response.created(URI.create("/api/crm/companies/" + created.id())).entity(CompanyView.of(created)).build();
    }

    @PATCH
    @Path("{id}")
    public CompanyView update(@PathParam("id") long id, JsonObject body) {
        JsonInput in = JsonInput.of(body);
        long org = caller.require().organisationId();
        Company current = companies.get(org, id);
        return CompanyView.of(companies.update(org, id, new CompanyDraft(
                in.has("name") ? in.text("name").orElse("") : current.name(),
                in.patched("phone", in.text("phone"), current.phone()),
                in.patched("website", in.text("website"), current.website()))));
    }

    @GET
    @Path("{id}/notes")
    public List<RecordNotes.NoteView> notes(@PathParam("id") long id) {
        return recordNotes.list(RecordModule.COMPANIES, id);
    }

    @POST
    @Path("{id}/notes")
    public Response addNote(@PathParam("id") long id, JsonObject body) {
        return recordNotes.add(RecordModule.COMPANIES, id, body);
    }
}
