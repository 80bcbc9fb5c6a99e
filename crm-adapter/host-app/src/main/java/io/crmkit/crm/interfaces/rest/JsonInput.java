package io.crmkit.crm.interfaces.rest;

import io.crmkit.crm.domain.InvalidInputException;
import io.crmkit.crm.domain.RefusalText;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * Reads fields of a JSON request body with exact type checks, so that a wrong type is a
 * {@code VALIDATION_FAILED} naming the field rather than a silent null. Absent and {@code null} fields read
 * as empty.
 */
final class JsonInput {
    private final JsonObject body;

    private JsonInput(JsonObject body) {
        this.body = body;
    }

    static JsonInput of(JsonObject body) {
        if (body == null) {
            throw new InvalidInputException("body", RefusalText.JSON_OBJECT_REQUIRED);
        }
        return new JsonInput(body);
    }

    boolean has(String field) {
        return body.containsKey(field);
    }

    Optional<String> text(String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonString string) {
            return Optional.of(string.getString());
        }
        throw new InvalidInputException(field, RefusalText.MUST_BE_TEXT, field);
    }

    Optional<Long> id(String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonNumber number && number.isIntegral()) {
            try {
                return Optional.of(number.longValueExact());
            } catch (ArithmeticException tooLarge) {
                // reported below
            }
        }
        throw new InvalidInputException(field, RefusalText.MUST_BE_ID, field);
    }

    Optional<BigDecimal> decimal(String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value instanceof JsonNumber number) {
            return Optional.of(number.bigDecimalValue());
        }
        throw new InvalidInputException(field, RefusalText.MUST_BE_NUMBER, field);
    }

    Optional<Boolean> bool(String field) {
        JsonValue value = body.get(field);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return Optional.empty();
        }
        if (value == JsonValue.TRUE || value == JsonValue.FALSE) {
            return Optional.of(value == JsonValue.TRUE);
        }
        throw new InvalidInputException(field, RefusalText.MUST_BE_BOOLEAN, field);
    }

    /** A PATCH field: the new value when the body names the field (null clears it), else the current one. */
    <T> Optional<T> patched(String field, Optional<T> newValue, Optional<T> current) {
        return has(field) ? newValue : current;
    }
}
