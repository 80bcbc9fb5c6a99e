package io.crmkit.whatsapp.sandbox;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SandboxTemplatesTest {
    private final SandboxTemplates templates = new SandboxTemplates();

    private static JsonObject named(String name, String body, JsonArrayBuilder examples) {
        return Json.createObjectBuilder().add("name", name).add("language", "en_US").add("category", "UTILITY")
                .add("parameter_format", "NAMED").add("components", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("type", "BODY").add("text", body)
                        .add("example", Json.createObjectBuilder().add("body_text_named_params", examples)))).build();
    }

    private static JsonArrayBuilder example(String... names) {
        JsonArrayBuilder examples = Json.createArrayBuilder();
        for (String name : names) {
            examples.add(Json.createObjectBuilder().add("param_name", name).add("example", "x"));
        }
        return examples;
    }

    private static JsonObject send(String name, String... parameters) {
        JsonArrayBuilder values = Json.createArrayBuilder();
        for (int i = 0; i < parameters.length; i += 2) {
            values.add(Json.createObjectBuilder().add("type", "text").add("parameter_name", parameters[i]).add("text", parameters[i + 1]));
        }
        return Json.createObjectBuilder().add("name", name).add("language", Json.createObjectBuilder().add("code", "en_US"))
                .add("components", Json.createArrayBuilder().add(Json.createObjectBuilder().add("type", "body")
                        .add("parameters", values))).build();
    }

    @Test
    void metaRefusesNamedVariablesWithoutAnExampleEach() {
        assertThrows(SandboxTemplates.InvalidTemplate.class, () -> templates.create("1", "waba",
                named("greeting", "Hi {{first_name}} from {{company}}.", example("first_name"))));
        assertThrows(SandboxTemplates.InvalidTemplate.class, () -> templates.create("2", "waba",
                named("greeting", "{{first_name}}, hello.", example("first_name"))));
        templates.create("3", "waba", named("greeting", "Hi {{first_name}} from {{company}}.", example("first_name", "company")));
    }

    @Test
    void aSendMustGiveEveryVariableOfAnApprovedTemplate() {
        templates.create("10", "waba", named("greeting", "Hi {{first_name}} from {{company}}.", example("first_name", "company")));
        assertEquals(Optional.of(132001), templates.refusalOfSend("waba", send("greeting", "first_name", "Ana", "company", "Co")),
                "still pending review");
        templates.decide("10", "APPROVED", null);
        assertEquals(Optional.empty(), templates.refusalOfSend("waba", send("greeting", "first_name", "Ana", "company", "Co")));
        assertEquals(Optional.of(132000), templates.refusalOfSend("waba", send("greeting", "first_name", "Ana")));
        assertEquals(Optional.of(132000), templates.refusalOfSend("waba", send("greeting", "first_name", "Ana", "company", " ")));
        templates.decide("10", "PAUSED", null);
        assertEquals(Optional.of(132015), templates.refusalOfSend("waba", send("greeting", "first_name", "Ana", "company", "Co")));
        templates.decide("10", "DISABLED", null);
        assertEquals(Optional.of(132016), templates.refusalOfSend("waba", send("greeting", "first_name", "Ana", "company", "Co")));
    }
}
