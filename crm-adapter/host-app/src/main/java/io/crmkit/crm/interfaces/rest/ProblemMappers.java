package io.crmkit.crm.interfaces.rest;

import io.crmkit.crm.domain.InvalidInputException;
import io.crmkit.crm.domain.RefusalText;
import io.crmkit.crm.domain.UnknownRecordException;
import io.crmkit.crm.interfaces.security.CallerContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Every refusal of the REST API as problem+json with a stable code. */
public final class ProblemMappers {
    private ProblemMappers() {
    }

    /** Each mapper answers in the language the caller reads the UI in. */
    abstract static class InCallersLanguage {
        @Inject
        CallerContext caller;

        Locale language() {
            return caller.language();
        }
    }

    @Provider
    @ApplicationScoped
    public static class InvalidInput extends InCallersLanguage implements ExceptionMapper<InvalidInputException> {
        @Override
        public Response toResponse(InvalidInputException e) {
            return Problem.response(Status.BAD_REQUEST, "VALIDATION_FAILED", "Invalid input", e.detailIn(language()),
                    e.field());
        }
    }

    @Provider
    @ApplicationScoped
    public static class UnknownRecord extends InCallersLanguage implements ExceptionMapper<UnknownRecordException> {
        @Override
        public Response toResponse(UnknownRecordException e) {
            return Problem.response(Status.NOT_FOUND, "NOT_FOUND", "Not found", e.detailIn(language()));
        }
    }

    @Provider
    @ApplicationScoped
    public static class Denied extends InCallersLanguage implements ExceptionMapper<AccessPolicy.AccessDeniedException> {
        @Override
        public Response toResponse(AccessPolicy.AccessDeniedException e) {
            return Problem.response(Status.FORBIDDEN, "FORBIDDEN", "Not allowed", e.detailIn(language()));
        }
    }

    @Provider
    @ApplicationScoped
    public static class NotAuthenticated extends InCallersLanguage
            implements ExceptionMapper<CallerContext.NotAuthenticatedException> {
        @Override
        public Response toResponse(CallerContext.NotAuthenticatedException e) {
            return Problem.response(Status.UNAUTHORIZED, "UNAUTHORIZED", "Not logged in",
                    RefusalText.LOG_IN.format(language()));
        }
    }

    @Provider
    @ApplicationScoped
    public static class MalformedJson extends InCallersLanguage implements ExceptionMapper<JsonException> {
        @Override
        public Response toResponse(JsonException e) {
            return malformed(language());
        }
    }

    static Response malformed(Locale language) {
        return Problem.response(Status.BAD_REQUEST, "MALFORMED_PAYLOAD", "Malformed request body",
                RefusalText.MALFORMED_BODY.format(language));
    }

    /** Framework refusals (unknown path, wrong method, unsupported media type) keep their status. */
    @Provider
    @ApplicationScoped
    public static class Framework extends InCallersLanguage implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Status status = Status.fromStatusCode(e.getResponse().getStatus());
            if (status == null) {
                status = Status.BAD_REQUEST;
            }
            if (e.getCause() instanceof JsonException) {
                return malformed(language());
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
    @ApplicationScoped
    public static class Unexpected extends InCallersLanguage implements ExceptionMapper<RuntimeException> {
        private static final Logger LOG = Logger.getLogger(Unexpected.class.getName());

        @Override
        public Response toResponse(RuntimeException e) {
            LOG.log(Level.SEVERE, "Unexpected failure", e);
            return Problem.response(Status.INTERNAL_SERVER_ERROR, "INTERNAL_ERROR", "Unexpected error",
                    RefusalText.UNEXPECTED.format(language()));
        }
    }
}
