package io.crmkit.whatsapp.infrastructure.graph;

import io.crmkit.whatsapp.application.Jsonp;
import io.crmkit.whatsapp.application.meta.MetaTemplate;
import io.crmkit.whatsapp.application.meta.OutgoingMessage;
import io.crmkit.whatsapp.domain.TemplateButton;
import io.crmkit.whatsapp.domain.TemplateContent;
import io.crmkit.whatsapp.domain.TemplateHeader;
import io.crmkit.whatsapp.domain.TemplateParameter;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Templates in Meta's JSON: the components of a creation or an edit (named parameters with their examples), a
 * template as Meta lists it, and the components of a template send.
 */
final class MetaTemplateJson {
    private MetaTemplateJson() {
    }

    /** The {@code components} of a creation or edit, and whether they hold named parameters. */
    static JsonArray components(TemplateContent content) {
        List<TemplateParameter> parameters = content.parameters();
        JsonArrayBuilder components = Jsonp.createArrayBuilder();
        content.header().ifPresent(header -> {
            JsonObjectBuilder component = Jsonp.createObjectBuilder().add("type", "HEADER").add("format", header.format().name());
            if (header.format() == TemplateHeader.Format.TEXT) {
                component.add("text", content.headerForMeta().orElse(""));
                List<TemplateParameter> named = of(parameters, TemplateParameter.Component.HEADER);
                if (!named.isEmpty()) {
                    component.add("example", Jsonp.createObjectBuilder().add("header_text_named_params", examples(named)));
                }
            } else {
                component.add("example", Jsonp.createObjectBuilder().add("header_handle",
                        Jsonp.createArrayBuilder().add(header.sampleHandle().orElse(""))));
            }
            components.add(component);
        });
        JsonObjectBuilder body = Jsonp.createObjectBuilder().add("type", "BODY").add("text", content.bodyForMeta());
        List<TemplateParameter> bodyParameters = of(parameters, TemplateParameter.Component.BODY);
        if (!bodyParameters.isEmpty()) {
            body.add("example", Jsonp.createObjectBuilder().add("body_text_named_params", examples(bodyParameters)));
        }
        components.add(body);
        content.footer().ifPresent(footer -> components.add(Jsonp.createObjectBuilder().add("type", "FOOTER").add("text", footer)));
        if (!content.buttons().isEmpty()) {
            JsonArrayBuilder buttons = Jsonp.createArrayBuilder();
            for (int i = 0; i < content.buttons().size(); i++) {
                TemplateButton button = content.buttons().get(i);
                JsonObjectBuilder written = Jsonp.createObjectBuilder().add("type", button.type().name()).add("text", button.text());
                if (button.type() == TemplateButton.Type.URL) {
                    int index = i;
                    written.add("url", content.urlForMeta(i));
                    parameters.stream().filter(p -> p.component() == TemplateParameter.Component.BUTTON && p.buttonIndex() == index)
                            .findFirst().ifPresent(p -> written.add("example", Jsonp.createArrayBuilder()
                                    .add(content.urlForMeta(index).replace("{{1}}", urlSafe(example(p))))));
                }
                button.phoneNumber().ifPresent(number -> written.add("phone_number", number));
                buttons.add(written);
            }
            components.add(Jsonp.createObjectBuilder().add("type", "BUTTONS").add("buttons", buttons));
        }
        return components.build();
    }

    /** Whether the template's header or body has variables, which then go as named parameters. */
    static boolean hasNamedParameters(TemplateContent content) {
        return content.parameters().stream().anyMatch(p -> p.component() != TemplateParameter.Component.BUTTON);
    }

    private static List<TemplateParameter> of(List<TemplateParameter> parameters, TemplateParameter.Component component) {
        return parameters.stream().filter(p -> p.component() == component).toList();
    }

    private static JsonArrayBuilder examples(List<TemplateParameter> parameters) {
        JsonArrayBuilder examples = Jsonp.createArrayBuilder();
        parameters.forEach(p -> examples.add(Jsonp.createObjectBuilder().add("param_name", p.name()).add("example", example(p))));
        return examples;
    }

    private static String example(TemplateParameter parameter) {
        return parameter.field().map(field -> field.example()).orElse("example");
    }

    private static String urlSafe(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    }

    /** A template of Meta's list: {@code {id, name, language, category, status, components, rejected_reason?}}. */
    static MetaTemplate listed(JsonObject json) {
        String body = "";
        Optional<TemplateHeader> header = Optional.empty();
        Optional<String> footer = Optional.empty();
        List<TemplateButton> buttons = new ArrayList<>();
        JsonArray components = json.getJsonArray("components");
        for (JsonValue value : components == null ? List.<JsonValue>of() : components) {
            JsonObject component = value.asJsonObject();
            switch (component.getString("type", "").toUpperCase(Locale.ROOT)) {
                case "BODY" -> body = component.getString("text", "");
                case "FOOTER" -> footer = Optional.ofNullable(component.getString("text", null));
                case "HEADER" -> header = header(component);
                case "BUTTONS" -> component.getJsonArray("buttons").stream().map(JsonValue::asJsonObject)
                        .map(MetaTemplateJson::button).flatMap(Optional::stream).forEach(buttons::add);
                default -> {
                    // components the plugin does not show (carousels, limited-time offers)
                }
            }
        }
        return new MetaTemplate(MetaWebhookJson.text(json, "id").orElse(""), json.getString("name", ""), json.getString("language", ""),
                json.getString("category", ""), json.getString("status", ""),
                TemplateContent.imported(body, header, footer, buttons),
                Optional.ofNullable(json.getString("rejected_reason", null)));
    }

    private static Optional<TemplateHeader> header(JsonObject component) {
        String format = component.getString("format", "TEXT").toUpperCase(Locale.ROOT);
        try {
            TemplateHeader.Format known = TemplateHeader.Format.valueOf(format);
            return Optional.of(known == TemplateHeader.Format.TEXT ? TemplateHeader.text(component.getString("text", ""))
                    : new TemplateHeader(known, Optional.empty(), Optional.empty(), Optional.empty()));
        } catch (IllegalArgumentException otherFormat) {
            return Optional.empty();
        }
    }

    private static Optional<TemplateButton> button(JsonObject json) {
        try {
            TemplateButton.Type type = TemplateButton.Type.valueOf(json.getString("type", "").toUpperCase(Locale.ROOT));
            return Optional.of(new TemplateButton(type, json.getString("text", ""),
                    Optional.ofNullable(json.getString("url", null)), Optional.ofNullable(json.getString("phone_number", null))));
        } catch (IllegalArgumentException otherType) {
            return Optional.empty();
        }
    }

    /** The {@code template} object of a send: every parameter of header, body and buttons with its value. */
    static JsonObject send(OutgoingMessage.Template template) {
        JsonArrayBuilder components = Jsonp.createArrayBuilder();
        template.header().ifPresent(media -> {
            JsonObjectBuilder file = Jsonp.createObjectBuilder().add("id", media.mediaId());
            media.fileName().ifPresent(name -> file.add("filename", name));
            components.add(Jsonp.createObjectBuilder().add("type", "header").add("parameters", Jsonp.createArrayBuilder()
                    .add(Jsonp.createObjectBuilder().add("type", media.wireType()).add(media.wireType(), file))));
        });
        for (TemplateParameter.Component part : List.of(TemplateParameter.Component.HEADER, TemplateParameter.Component.BODY)) {
            List<TemplateContent.FilledParameter> values = template.values().stream()
                    .filter(v -> v.parameter().component() == part).sorted(byPosition()).toList();
            if (!values.isEmpty()) {
                JsonArrayBuilder parameters = Jsonp.createArrayBuilder();
                values.forEach(v -> {
                    JsonObjectBuilder parameter = Jsonp.createObjectBuilder().add("type", "text").add("text", v.value());
                    if (!positional(v.parameter())) {
                        parameter.add("parameter_name", v.parameter().name());
                    }
                    parameters.add(parameter);
                });
                components.add(Jsonp.createObjectBuilder().add("type", part.name().toLowerCase(Locale.ROOT))
                        .add("parameters", parameters));
            }
        }
        template.values().stream().filter(v -> v.parameter().component() == TemplateParameter.Component.BUTTON)
                .forEach(v -> components.add(Jsonp.createObjectBuilder().add("type", "button").add("sub_type", "url")
                        .add("index", Integer.toString(v.parameter().buttonIndex()))
                        .add("parameters", Jsonp.createArrayBuilder().add(Jsonp.createObjectBuilder()
                                .add("type", "text").add("text", v.value())))));
        return Jsonp.createObjectBuilder().add("name", template.name())
                .add("language", Jsonp.createObjectBuilder().add("code", template.language()).add("policy", "deterministic"))
                .add("components", components).build();
    }

    /** Positional parameters ({@code {{1}}}) are sent in their number's order and without a name. */
    private static boolean positional(TemplateParameter parameter) {
        return parameter.name().chars().allMatch(Character::isDigit);
    }

    private static Comparator<TemplateContent.FilledParameter> byPosition() {
        return Comparator.comparingInt(v -> positional(v.parameter()) ? Integer.parseInt(v.parameter().name()) : 0);
    }
}
