package io.crmkit.crm.interfaces.rest;

import io.crmkit.crm.application.DealService;
import io.crmkit.crm.application.DealService.DealDraft;
import io.crmkit.crm.domain.Deal;
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

import java.math.BigDecimal;
import java.net.URI;
import java.util.List;

/** {@code /api/crm/pipelines}: pipeline records (deals) of the caller's organisation. */
@Path("crm/pipelines")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PipelinesResource {
    @Inject
    DealService deals;
    @Inject
    CallerContext caller;
    @Inject
    RecordNotes recordNotes;

    /** A pipeline record as the API shows it. */
    public record PipelineRecordView(long id, String name, String stage, BigDecimal amount, Long contactId,
                                     Long companyId, Long ownerId) {
        static PipelineRecordView of(Deal d) {
            return new PipelineRecordView(d.id(), d.name(), d.stage(), d.amount().orElse(null),
                    d.contactId().orElse(null), d.companyId().orElse(null), d.ownerId().orElse(null));
        }
    }

    @GET
    public Paging.ListPage<PipelineRecordView> list(@QueryParam("q") String text, @QueryParam("contactId") Long contactId,
                                                    @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        long org = caller.require().organisationId();
        if (contactId != null) {
            return new Paging.ListPage<>(deals.findByContact(org, contactId).stream().map(PipelineRecordView::of).toList(),
                    null);
        }
        return Paging.ListPage.of(deals.search(org, text, Paging.limit(limit), Paging.after(cursor))
                .map(PipelineRecordView::of));
    }

    /** The stages of the organisation's pipeline, in order. */
    @GET
    @Path("stages")
    public List<String> stages() {
        return deals.stages(caller.require().organisationId());
    }

    @GET
    @Path("{id}")
    public PipelineRecordView get(@PathParam("id") long id) {
        return PipelineRecordView.of(deals.get(caller.require().organisationId(), id));
    }

    @POST
    public Response create(JsonObject body) {
        JsonInput in = JsonInput.of(body);
        Deal created = deals.create(caller.require().organisationId(), new DealDraft(in.text("name").orElse(""),
                in.text("stage").orElse(null), in.decimal("amount"), in.id("contactId"), in.id("companyId"),
                in.id("ownerId")));
        return Response.created(URI.create("/api/crm/pipelines/" + created.id()))
                .entity(PipelineRecordView.of(created)).build();
    }

    @PATCH
    @Path("{id}")
    public PipelineRecordView update(@PathParam("id") long id, JsonObject body) {
        JsonInput in = JsonInput.of(body);
        long org = caller.require().organisationId();
        Deal current = deals.get(org, id);
        return PipelineRecordView.of(deals.update(org, id, new DealDraft(
                in.has("name") ? in.text("name").orElse("") : current.name(),
                in.has("stage") ? in.text("stage").orElse(null) : current.stage(),
                in.patched("amount", in.decimal("amount"), current.amount()),
                in.patched("contactId", in.id("contactId"), current.contactId()),
                in.patched("companyId", in.id("companyId"), current.companyId()),
                in.patched("ownerId", in.id("ownerId"), current.ownerId()))));
    }

    @GET
    @Path("{id}/notes")
    public List<RecordNotes.NoteView> notes(@PathParam("id") long id) {
        return recordNotes.list(RecordModule.PIPELINES, id);
    }

    @POST
    @Path("{id}/notes")
    public Response addNote(@PathParam("id") long id, JsonObject body) {
        return recordNotes.add(RecordModule.PIPELINES, id, body);
    }
}
