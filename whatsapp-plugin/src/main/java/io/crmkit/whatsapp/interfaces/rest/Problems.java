package io.crmkit.whatsapp.interfaces.rest;

import io.crmkit.whatsapp.domain.ProblemCode;
import io.crmkit.whatsapp.domain.Refusal;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Optional;

/** The plugin's refusals as problem+json (RFC 9457) with the contract's stable code. */
public final class Problems {
    private Problems() {
    }

    public static Response of(ProblemCode code, String detail, Optional<String> field) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", code.name().replace('_', ' ').toLowerCase())
                .add("status", code.httpStatus())
                .add("detail", asSentence(detail))
                .add("code", code.name());
        field.ifPresent(f -> body.add("field", f));
        return Response.status(code.httpStatus()).type("application/problem+json").entity(body.build().toString()).build();
    }

    /** Refusals are written as clauses that other messages can quote; shown alone, they start as a sentence does. */
    static String asSentence(String detail) {
        if (detail.isEmpty() || Character.isUpperCase(detail.codePointAt(0))) {
            return detail;
        }
        int first = detail.codePointAt(0);
        return new StringBuilder().appendCodePoint(Character.toUpperCase(first)).append(detail.substring(Character.charCount(first)))
                .toString();
    }

    /** Maps every {@link Refusal} thrown by the plugin's resources. */
    @Provider
    public static class RefusalMapper implements ExceptionMapper<Refusal> {
        @Override
        public Response toResponse(Refusal refusal) {
            return of(refusal.code(), refusal.getMessage(), refusal.field());
        }
    }
}
