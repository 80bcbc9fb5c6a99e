package io.crmkit.crm.interfaces.rest;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An RFC 9457 problem with the stable {@code code} of API.md.
 *
 * @param field the offending input field, for validation problems
 */
public record Problem(String type, String title, int status, String detail, String code, String field) {
    public static final MediaType MEDIA_TYPE = new MediaType("application", "problem+json");

    public static Response response(Response.Status status, String code, String title, String detail) {
        return response(status, code, title, detail, null);
    }

    public static Response response(Response.Status status, String code, String title, String detail, String field) {
        return Response.status(status)
                .type(MEDIA_TYPE)
                .entity(new Problem("about:blank", title, status.getStatusCode(), detail, code, field))
                .build();
    }
}
