package io.crmkit.whatsapp.sandbox;

import io.crmkit.whatsapp.application.Jsonp;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.UUID;

/** Meta's error answers: the body {@code {error: {message, type, code, fbtrace_id}}} and its HTTP status. */
final class MetaErrorBodies {
    private static final Map<Integer, String> MESSAGES = Map.of(
            190, "Error validating access token: The session has been invalidated",
            100, "Invalid parameter",
            130429, "Rate limit hit",
            131000, "Something went wrong",
            131047, "Re-engagement message",
            80007, "Rate limit issues",
            4, "Application request limit reached",
            200, "Permissions error");

    private MetaErrorBodies() {
    }

    static Response error(int httpStatus, int code, String message) {
        String text = message != null ? message : MESSAGES.getOrDefault(code, "An unknown error occurred");
        String type = code == 190 || code == 200 || code == 10 ? "OAuthException" : "GraphMethodException";
        return Response.status(httpStatus).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(Jsonp.createObjectBuilder().add("error", Jsonp.createObjectBuilder()
                        .add("message", text).add("type", type).add("code", code)
                        .add("fbtrace_id", "sbx" + UUID.randomUUID().toString().substring(0, 12))).build().toString())
                .build();
    }

    /** Meta's refusals of a template send (whatsapp-cloud-api.md, "Errors on template sends"). */
    static Response templateError(int code) {
        return switch (code) {
            case 132000 -> error(400, code, "(#132000) Number of parameters does not match the expected number of params");
            case 132015 -> error(400, code, "(#132015) Template is paused due to low quality");
            case 132016 -> error(400, code, "(#132016) Template has been disabled");
            default -> error(404, 132001, "(#132001) Template name does not exist in the translation");
        };
    }

    static Response invalidToken() {
        return error(401, 190, null);
    }

    static Response unknownObject(String id) {
        return error(400, 100, "Unsupported request - object with ID '" + id + "' does not exist or cannot be loaded");
    }
}
