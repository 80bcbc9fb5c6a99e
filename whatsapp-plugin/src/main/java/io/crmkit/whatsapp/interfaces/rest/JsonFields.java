package io.crmkit.whatsapp.interfaces.rest;

import io.crmkit.whatsapp.domain.Refusal;
import io.crmkit.whatsapp.domain.RefusalText;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Optional fields of a JSON request: absent or null is empty; a value of the wrong type is refused, naming it. */
final class JsonFields {
    private JsonFields() {
    }

    static Optional<String> text(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonString string) {
            return Optional.of(string.getString());
        }
        throw Refusal.invalid(field, RefusalText.MUST_BE_TEXT, field);
    }

    static Optional<Long> id(JsonObject body, String field) {
        JsonValue value = body.get(field);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            return Optional.of(number.longValue());
        }
        throw Refusal.invalid(field, RefusalText.MUST_BE_AN_ID, field);
    }

    /**
     * A list of ids; absent or null is an empty list.
     *
     * @param wrongForm what the refusal says of a value that is not a list of whole numbers
     */
    static List<Long> ids(JsonObject body, String field, RefusalText wrongForm) {
        JsonValue value = body.get(field);
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array)) {
            throw Refusal.invalid(field, wrongForm, field);
        }
        List<Long> ids = new ArrayList<>();
        for (JsonValue item : array) {
            if (!(item instanceof JsonNumber number) || !number.isIntegral()) {
                throw Refusal.invalid(field, wrongForm, field);
            }
            ids.add(number.longValue());
        }
        return ids;
    }

    static Optional<BigDecimal> decimal(JsonObject body, String field) {
        JsonValue value = body == null ? null : body.get(field);
        if (value == null || value == JsonValue.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonNumber number) {
            return Optional.of(number.bigDecimalValue());
        }
        throw Refusal.invalid(field, RefusalText.MUST_BE_A_NUMBER, field);
    }
}
