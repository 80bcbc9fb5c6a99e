package io.crmkit.whatsapp.infrastructure.graph;

import io.crmkit.whatsapp.application.meta.MetaTemplate;
import io.crmkit.whatsapp.application.meta.OutgoingMessage;
import io.crmkit.whatsapp.domain.TemplateButton;
import io.crmkit.whatsapp.domain.TemplateContent;
import io.crmkit.whatsapp.domain.TemplateHeader;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MetaTemplateJsonTest {
    private static final TemplateContent WRITTEN = TemplateContent.written(
            "Hello #Contacts.First Name#, your #Pipelines.Name# ships today.",
            Optional.of(TemplateHeader.text("Order for #Contacts.First Name#")), Optional.of("Example Trading"),
            List.of(new TemplateButton(TemplateButton.Type.QUICK_REPLY, "Thanks", Optional.empty(), Optional.empty()),
                    new TemplateButton(TemplateButton.Type.URL, "Track", Optional.of("https://shop.example/t/#Pipelines.Name#"),
                            Optional.empty())));

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }

    @Test
    void aCreationSendsNamedParametersWithAnExampleForEach() {
        JsonArray components = MetaTemplateJson.components(WRITTEN);
        JsonObject header = components.getJsonObject(0);
        assertEquals("HEADER", header.getString("type"));
        assertEquals("Order for {{contact_first_name}}", header.getString("text"));
        assertEquals("contact_first_name", header.getJsonObject("example").getJsonArray("header_text_named_params")
                .getJsonObject(0).getString("param_name"));
        JsonObject body = components.getJsonObject(1);
        assertEquals("Hello {{contact_first_name}}, your {{pipeline_record_name}} ships today.", body.getString("text"));
        JsonArray examples = body.getJsonObject("example").getJsonArray("body_text_named_params");
        assertEquals("Hanako", examples.getJsonObject(0).getString("example"));
        assertEquals("pipeline_record_name", examples.getJsonObject(1).getString("param_name"));
        assertEquals("FOOTER", components.getJsonObject(2).getString("type"));
        JsonObject url = components.getJsonObject(3).getJsonArray("buttons").getJsonObject(1);
        assertEquals("https://shop.example/t/{{1}}", url.getString("url"));
        assertEquals("https://shop.example/t/spring-order", url.getJsonArray("example").getString(0));
        assertTrue(MetaTemplateJson.hasNamedParameters(WRITTEN));
        assertFalse(MetaTemplateJson.hasNamedParameters(TemplateContent.written("Plain text", Optional.empty(),
                Optional.empty(), List.of())));
    }

    @Test
    void aSendGivesEveryParameterOfHeaderBodyAndButtonsByName() {
        TemplateContent.Filled filled = WRITTEN.fill(p -> Optional.of(Map.of("contact_first_name", "花子",
                "pipeline_record_name", "A-7", "1", "A-7").get(p.name())));
        JsonObject send = MetaTemplateJson.send(new OutgoingMessage.Template("order_update", "ja", filled.parameters(), Optional.empty()));
        assertEquals("ja", send.getJsonObject("language").getString("code"));
        JsonArray components = send.getJsonArray("components");
        assertEquals("header", components.getJsonObject(0).getString("type"));
        JsonObject bodyParameter = components.getJsonObject(1).getJsonArray("parameters").getJsonObject(1);
        assertEquals("pipeline_record_name", bodyParameter.getString("parameter_name"));
        assertEquals("A-7", bodyParameter.getString("text"));
        JsonObject button = components.getJsonObject(2);
        assertEquals("url", button.getString("sub_type"));
        assertEquals("1", button.getString("index"));
        assertFalse(button.getJsonArray("parameters").getJsonObject(0).containsKey("parameter_name"));
    }

    @Test
    void aPositionalTemplateIsSentInItsNumbersOrderWithoutNames() {
        TemplateContent imported = TemplateContent.imported("Order {{2}} for {{1}}", Optional.empty(), Optional.empty(), List.of());
        TemplateContent.Filled filled = imported.fill(p -> Optional.of(p.name().equals("1") ? "Ana" : "A-7"));
        JsonArray parameters = MetaTemplateJson.send(new OutgoingMessage.Template("order", "en_US", filled.parameters(), Optional.empty()))
                .getJsonArray("components").getJsonObject(0).getJsonArray("parameters");
        assertEquals("Ana", parameters.getJsonObject(0).getString("text"));
        assertEquals("A-7", parameters.getJsonObject(1).getString("text"));
        assertFalse(parameters.getJsonObject(0).containsKey("parameter_name"));
    }

    @Test
    void aListedTemplateIsReadWithItsComponents() {
        MetaTemplate listed = MetaTemplateJson.listed(parse("""
                {"id": 1234567890, "name": "welcome", "language": "en_US", "category": "MARKETING", "status": "REJECTED",
                 "rejected_reason": "PROMOTIONAL",
                 "components": [{"type": "HEADER", "format": "TEXT", "text": "Hi {{1}}"},
                                {"type": "BODY", "text": "Welcome {{1}} to {{2}}"},
                                {"type": "BUTTONS", "buttons": [{"type": "PHONE_NUMBER", "text": "Call", "phone_number": "+81312345678"},
                                                                {"type": "OTP", "text": "Copy"}]},
                                {"type": "CAROUSEL"}]}"""));
        assertEquals("1234567890", listed.id(), "Meta writes ids as numbers too");
        assertEquals("Welcome {{1}} to {{2}}", listed.content().body());
        assertEquals(Optional.of("Hi {{1}}"), listed.content().header().flatMap(TemplateHeader::text));
        assertEquals(1, listed.content().buttons().size(), "a kind of button the plugin does not know is left out");
        assertEquals(Optional.of("PROMOTIONAL"), listed.reason());
        assertEquals(TemplateContent.Syntax.META, listed.content().syntax());
    }
}
