package io.crmkit.whatsapp.interfaces.rest;

import io.crmkit.whatsapp.application.templates.TemplateDraft;
import io.crmkit.whatsapp.application.templates.TemplateService;
import io.crmkit.whatsapp.application.templates.TemplateSync;
import io.crmkit.whatsapp.domain.MergeField;
import io.crmkit.whatsapp.domain.ProblemCode;
import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import io.crmkit.whatsapp.domain.Template;
import io.crmkit.whatsapp.domain.TemplateButton;
import io.crmkit.whatsapp.domain.TemplateContent;
import io.crmkit.whatsapp.domain.TemplateHeader;
import io.crmkit.whatsapp.domain.TemplateStatus;
import io.crmkit.whatsapp.domain.UploadedFileName;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/whatsapp/templates}: message templates of the organisation's WhatsApp Business Accounts. Users with a
 * WhatsApp level read them and preview them filled for a contact; administrators write, edit, delete and sync them.
 */
@Path("whatsapp/templates")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TemplatesResource {
    @Inject
    TemplateService templates;
    @Inject
    TemplateSync sync;
    @Inject
    Callers callers;

    public record HeaderView(String format, String text, String sampleHandle, String sampleName) {
    }

    public record ButtonView(String type, String text, String url, String phoneNumber) {
    }

    /**
     * A variable an agent may have to fill: {@code key} is what a send's {@code params} names it by, {@code field} the
     * merge field that fills it from the CRM (null for templates imported from Meta).
     */
    public record ParameterView(String key, String component, String field, String example) {
    }

    /**
     * A template. {@code rejectionReason} is Meta's word (ABUSIVE_CONTENT, INCORRECT_CATEGORY, INVALID_FORMAT,
     * PROMOTIONAL, SCAM, TAG_CONTENT_MISMATCH ...), {@code recommendation} Meta's advice; {@code importedFromMeta}
     * templates keep Meta's {@code {{…}}} variables.
     */
    public record TemplateView(long id, String wabaId, String name, String language, String category, String body,
                               HeaderView header, String footer, List<ButtonView> buttons, List<String> mergeFields,
                               List<ParameterView> parameters, String status, String rejectionReason,
                               String recommendation, String quality, String previousCategory, Instant pausedUntil,
                               boolean importedFromMeta, Instant updatedAt) {
        static TemplateView of(Template t) {
            TemplateContent content = t.content();
            return new TemplateView(t.id(), t.wabaId(), t.name(), t.language(), t.category().name(), content.body(),
                    content.header().map(h -> new HeaderView(h.format().name(), h.text().orElse(null),
                            h.sampleHandle().orElse(null), h.sampleName().orElse(null))).orElse(null),
                    content.footer().orElse(null),
                    content.buttons().stream().map(b -> new ButtonView(b.type().name(), b.text(), b.url().orElse(null),
                            b.phoneNumber().orElse(null))).toList(),
                    content.parameters().stream().flatMap(p -> p.field().stream()).map(MergeField::token).distinct().toList(),
                    content.parameters().stream().map(p -> new ParameterView(p.key(), p.component().name(),
                            p.field().map(MergeField::token).orElse(null), p.field().map(MergeField::example).orElse(null)))
                            .toList(),
                    t.status().name(), t.status() == TemplateStatus.REJECTED ? t.statusReason().orElse(null) : null,
                    t.recommendation().orElse(null), t.quality().orElse(null),
                    t.previousCategory().map(Enum::name).orElse(null), t.pausedUntil().orElse(null),
                    content.syntax() == TemplateContent.Syntax.META, t.updatedAt());
        }
    }

    public record TemplateList(List<TemplateView> items) {
    }

    /**
     * A template filled for a contact: what the customer will read, and the keys of the values still missing.
     */
    public record PreviewView(String text, List<String> missing, List<FilledView> values) {
    }

    public record FilledView(String key, String value) {
    }

    public record SyncView(int imported, int updated, int removed) {
    }

    @GET
    public TemplateList list(@QueryParam("status") String status, @QueryParam("language") String language,
                             @QueryParam("q") String words, @QueryParam("channelId") Long channelId,
                             @QueryParam("sendable") boolean sendable) {
        Optional<TemplateStatus> wanted = Optional.ofNullable(status).filter(s -> !s.isBlank()).map(s -> {
            try {
                return TemplateStatus.valueOf(s.strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException unknown) {
                throw Refusal.invalid("status", RefusalText.MUST_BE_ONE_OF, "status",
                        String.join(", ", java.util.Arrays.stream(TemplateStatus.values()).map(Enum::name).toList()));
            }
        });
        return new TemplateList(templates.list(callers.user(), new TemplateService.Filter(wanted,
                        Optional.ofNullable(language).filter(l -> !l.isBlank()),
                        Optional.ofNullable(words).filter(w -> !w.isBlank()), Optional.ofNullable(channelId), sendable))
                .stream().map(TemplateView::of).toList());
    }

    @GET
    @Path("{id: [0-9]+}")
    public TemplateView get(@PathParam("id") long id) {
        return TemplateView.of(templates.get(callers.user(), id));
    }

    @POST
    public Response create(JsonObject body) {
        Template created = templates.create(callers.administrator(), draft(body));
        return Response.created(URI.create("/api/whatsapp/templates/" + created.id())).entity(TemplateView.of(created)).build();
    }

    @PUT
    @Path("{id: [0-9]+}")
    public TemplateView update(@PathParam("id") long id, JsonObject body) {
        return TemplateView.of(templates.update(callers.administrator(), id, draft(body)));
    }

    @DELETE
    @Path("{id: [0-9]+}")
    public Response delete(@PathParam("id") long id) {
        templates.delete(callers.administrator(), id);
        return Response.noContent().build();
    }

    /** {@code {contactId?, pipelineRecordId?, conversationId?, params?}}: without a contact, the examples fill it. */
    @POST
    @Path("{id: [0-9]+}/preview")
    public PreviewView preview(@PathParam("id") long id, JsonObject body) {
        JsonObject request = body == null ? JsonValue.EMPTY_JSON_OBJECT : body;
        TemplateContent.Filled filled = templates.preview(callers.user(), id, JsonFields.id(request, "contactId"),
                JsonFields.id(request, "pipelineRecordId"), JsonFields.id(request, "conversationId"), params(request));
        return new PreviewView(filled.text(), filled.missing(), filled.parameters().stream()
                .map(p -> new FilledView(p.parameter().key(), p.value())).toList());
    }

    /** A template being written, checked and shown filled with examples; nothing is saved or sent to Meta. */
    @POST
    @Path("draft-preview")
    public PreviewView draftPreview(JsonObject body) {
        TemplateContent.Filled filled = templates.draftPreview(callers.administrator(), draft(body));
        return new PreviewView(filled.text(), filled.missing(), filled.parameters().stream()
                .map(p -> new FilledView(p.parameter().key(), p.value())).toList());
    }

    /**
     * An image, video or document for a template's header: {@code multipart/form-data} with {@code file} and
     * optionally {@code channelId}; answers {@code {format, sampleHandle, sampleName}} for the template's header.
     */
    @POST
    @Path("header-samples")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @AdministratorsBeforeUpload
    public HeaderSampleView headerSample(List<EntityPart> parts) {
        EntityPart file = parts.stream().filter(p -> "file".equals(p.getName())).findFirst()
                .orElseThrow(() -> Refusal.invalid("file", RefusalText.CHOOSE_FILE));
        Optional<Long> channelId = parts.stream().filter(p -> "channelId".equals(p.getName())).findFirst().map(part -> {
            try {
                return Long.parseLong(part.getContent(String.class).strip());
            } catch (IOException | NumberFormatException notAnId) {
                throw Refusal.invalid("channelId", RefusalText.MUST_BE_AN_ID, "channelId");
            }
        });
        try (InputStream content = file.getContent()) {
            TemplateService.HeaderSample sample = templates.headerSample(callers.administrator(), channelId,
                    UploadedFileName.of(file.getFileName().orElse("")), content);
            return new HeaderSampleView(sample.format().name(), sample.handle(), sample.fileName());
        } catch (IOException unreadable) {
            throw Refusal.invalid("file", RefusalText.UPLOAD_BROKE_OFF);
        }
    }

    public record HeaderSampleView(String format, String sampleHandle, String sampleName) {
    }

    @POST
    @Path("sync")
    public SyncView syncNow() {
        TemplateSync.Outcome outcome = sync.syncOrganisation(callers.administrator());
        return new SyncView(outcome.imported(), outcome.updated(), outcome.removed());
    }

    /**
     * The values an agent typed: an object keyed by a parameter's {@code key}, or a list of texts in the order of
     * the template's parameters (kept as {@link TemplateService#POSITION}1, 2 ...).
     */
    static Map<String, String> params(JsonObject request) {
        Map<String, String> given = new LinkedHashMap<>();
        JsonValue params = request.get("params");
        if (params == null || params.getValueType() == JsonValue.ValueType.NULL) {
            return given;
        }
        if (params instanceof JsonArray list) {
            for (int i = 0; i < list.size(); i++) {
                given.put(TemplateService.POSITION + (i + 1), text(list.get(i)));
            }
            return given;
        }
        if (!(params instanceof JsonObject object)) {
            throw Refusal.invalid("params", RefusalText.TEMPLATE_PARAMS_FORM);
        }
        object.forEach((key, value) -> given.put(key, text(value)));
        return given;
    }

    private static String text(JsonValue value) {
        if (!(value instanceof JsonString text)) {
            throw Refusal.invalid("params", RefusalText.TEMPLATE_PARAMS_FORM);
        }
        return text.getString();
    }

    private static TemplateDraft draft(JsonObject body) {
        JsonObject request = body == null ? JsonValue.EMPTY_JSON_OBJECT : body;
        Optional<TemplateHeader> header = Optional.ofNullable(request.get("header"))
                .filter(value -> value.getValueType() == JsonValue.ValueType.OBJECT).map(JsonValue::asJsonObject)
                .map(TemplatesResource::header);
        List<TemplateButton> buttons = new ArrayList<>();
        if (request.get("buttons") instanceof JsonArray array) {
            for (JsonValue value : array) {
                if (!(value instanceof JsonObject button)) {
                    throw Refusal.of(ProblemCode.INVALID_TEMPLATE, "buttons", RefusalText.TEMPLATE_BUTTON_FORM);
                }
                buttons.add(new TemplateButton(enumOf(TemplateButton.Type.class, button, "type", "buttons"),
                        JsonFields.text(button, "text").orElse(""), JsonFields.text(button, "url"),
                        JsonFields.text(button, "phoneNumber")));
            }
        }
        return new TemplateDraft(JsonFields.id(request, "channelId"), JsonFields.text(request, "name").orElse(""),
                JsonFields.text(request, "language").orElse(""), JsonFields.text(request, "category").orElse(""),
                JsonFields.text(request, "body").orElse(""), header,
                JsonFields.text(request, "footer").filter(f -> !f.isBlank()), buttons);
    }

    private static TemplateHeader header(JsonObject header) {
        TemplateHeader.Format format = enumOf(TemplateHeader.Format.class, header, "format", "header");
        return new TemplateHeader(format, JsonFields.text(header, "text"), JsonFields.text(header, "sampleHandle"),
                JsonFields.text(header, "sampleName"));
    }

    private static <E extends Enum<E>> E enumOf(Class<E> type, JsonObject json, String key, String field) {
        try {
            return Enum.valueOf(type, JsonFields.text(json, key).orElse("").strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException unknown) {
            throw Refusal.of(ProblemCode.INVALID_TEMPLATE, field, RefusalText.MUST_BE_ONE_OF, field + "." + key,
                    String.join(", ", java.util.Arrays.stream(type.getEnumConstants()).map(Enum::name).toList()));
        }
    }
}
