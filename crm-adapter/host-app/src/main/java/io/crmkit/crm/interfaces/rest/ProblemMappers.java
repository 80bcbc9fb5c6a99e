package io.crmkit.crm.interfaces.rest;

import io.crmkit.crm.domain.InvalidInputException;
import io.crmkit.crm.domain.UnknownRecordException;
import io.crmkit.crm.interfaces.security.CallerContext;
import jakarta.json.JsonException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Every refusal of the REST API as problem+json with a stable code. */
public final class ProblemMappers {
    private ProblemMappers() {
    }

    @Provider
    public static class InvalidInput implements ExceptionMapper<InvalidInputException> {
        @Override
        public Response toResponse(InvalidInputException e) {
            return Problem.response(Status.BAD_REQUEST, "VALIDATION_FAILED", "Invalid input", e.getMessage(), e.field());
        }
    }

    @Provider
    public static class UnknownRecord implements ExceptionMapper<UnknownRecordException> {
        @Override
        public Response toResponse(UnknownRecordException e) {
            return Problem.response(Status.NOT_FOUND, "NOT_FOUND", "Not found", e.getMessage());
        }
    }

    @Provider
    public static class Denied implements ExceptionMapper<AccessPolicy.AccessDeniedException> {
        @Override
        public Response toResponse(AccessPolicy.AccessDeniedException e) {
            return Problem.response(Status.FORBIDDEN, "FORBIDDEN", "Not allowed", e.getMessage());
        }
    }

    @Provider
    public static class NotAuthenticated implements ExceptionMapper<CallerContext.NotAuthenticatedException> {
        @Override
        public Response toResponse(CallerContext.NotAuthenticatedException e) {
            return Problem.response(Status.UNAUTHORIZED, "UNAUTHORIZED", "Not logged in",
                    "Log in, or send HTTP Basic credentials of an active user.");
        }
    }

    @Provider
    public static class MalformedJson implements ExceptionMapper<JsonException> {
        @Override
        public Response toResponse(JsonException e) {
            return malformed();
        }
    }

    static Response malformed() {
        return Problem.response(Status.BAD_REQUEST, "MALFORMED_PAYLOAD", "Malformed request body",
                "The body is not the JSON object this endpoint expects: check the syntax and field types.");
    }

    /** Framework refusals (unknown path, wrong method, unsupported media type) keep their status. */
    @Provider
    public static class Framework implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Status status = Status.fromStatusCode(e.getResponse().getStatus());
            if (status == null) {
                status = Status.BAD_REQUEST;
            }
            if (e.getCause() instanceof JsonException) {
                return malformed();
            }
            String code = switch (status) {
                case NOT_FOUND -> "NOT_FOUND";
                case FORBIDDEN -> "FORBIDDEN";
                case BAD_REQUEST -> "MALFORMED_PAYLOAD";
                default -> "VALIDATION_FAILED";
            };
            return Problem.response(status, code, status.getReasonPhrase(), e.getMessage());
        }
    }

    /** Anything unexpected: logged with its cause, answered without internals. */
    @Provider
    public static class Unexpected implements ExceptionMapper<RuntimeException> {
        private static final Logger LOG = Logger.getLogger(Unexpected.class.getName());

        @Override
        public Response toResponse(RuntimeException e) {
            LOG.log(Level.SEVERE, "Unexpected failure", e);
            return Problem.response(Status.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Unexpected error",
                    "The server failed to handle the request; nothing was changed. Try again, and tell your administrator if it persists.");
        }
    }
}
