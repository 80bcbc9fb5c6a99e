package io.crmkit.whatsapp.infrastructure.persistence;

import io.crmkit.whatsapp.application.Jsonp;
import io.crmkit.whatsapp.domain.TemplateButton;
import io.crmkit.whatsapp.domain.TemplateContent;
import io.crmkit.whatsapp.domain.TemplateHeader;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

import java.io.StringReader;
import java.util.Optional;
import java.util.function.BiConsumer;

/** A template's content as one JSON object in the {@code content} column. */
@Converter(autoApply = true)
public class TemplateContentConverter implements AttributeConverter<TemplateContent, String> {

    @Override
    public String convertToDatabaseColumn(TemplateContent content) {
        if (content == null) {
            return null;
        }
        JsonObjectBuilder json = Jsonp.createObjectBuilder().add("syntax", content.syntax().name()).add("body", content.body());
        content.header().ifPresent(header -> {
            JsonObjectBuilder written = Jsonp.createObjectBuilder().add("format", header.format().name());
            BiConsumer<String, Optional<String>> optional = (key, value) -> value.ifPresent(v -> written.add(key, v));
            optional.accept("text", header.text());
            optional.accept("sampleHandle", header.sampleHandle());
            optional.accept("sampleName", header.sampleName());
            json.add("header", written);
        });
        content.footer().ifPresent(footer -> json.add("footer", footer));
        JsonArrayBuilder buttons = Jsonp.createArrayBuilder();
        for (TemplateButton button : content.buttons()) {
            JsonObjectBuilder written = Jsonp.createObjectBuilder().add("type", button.type().name()).add("text", button.text());
            button.url().ifPresent(url -> written.add("url", url));
            button.phoneNumber().ifPresent(number -> written.add("phoneNumber", number));
            buttons.add(written);
        }
        return json.add("buttons", buttons).build().toString();
    }

    @Override
    public TemplateContent convertToEntityAttribute(String column) {
        if (column == null) {
            return null;
        }
        JsonObject json = Jsonp.createReader(new StringReader(column)).readObject();
        Optional<TemplateHeader> header = Optional.ofNullable(json.getJsonObject("header")).map(h -> new TemplateHeader(
                TemplateHeader.Format.valueOf(h.getString("format")), text(h, "text"), text(h, "sampleHandle"),
                text(h, "sampleName")));
        return new TemplateContent(json.getString("body"), header, text(json, "footer"),
                json.getJsonArray("buttons").stream().map(JsonValue::asJsonObject).map(b -> new TemplateButton(
                        TemplateButton.Type.valueOf(b.getString("type")), b.getString("text"), text(b, "url"),
                        text(b, "phoneNumber"))).toList(),
                TemplateContent.Syntax.valueOf(json.getString("syntax")));
    }

    private static Optional<String> text(JsonObject json, String key) {
        return Optional.ofNullable(json.getString(key, null));
    }
}
