package io.crmkit.whatsapp.interfaces.rest;

import io.crmkit.whatsapp.application.Jsonp;
import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.whatsapp.domain.ProblemCode;
import io.crmkit.whatsapp.domain.Refusal;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.Locale;

/** The plugin's refusals as problem+json (RFC 9457) with the contract's stable code. */
public final class Problems {
    private Problems() {
    }

    /** The answer to {@code refusal}, its {@code detail} in {@code language} where there is a translation. */
    public static Response of(Refusal refusal, Locale language) {
        ProblemCode code = refusal.code();
        JsonObjectBuilder body = Jsonp.createObjectBuilder()
                .add("type", "about:blank")
                .add("title", code.name().replace('_', ' ').toLowerCase(Locale.ROOT))
                .add("status", code.httpStatus())
                .add("detail", asSentence(refusal.detailIn(language), language))
                .add("code", code.name());
        refusal.field().ifPresent(f -> body.add("field", f));
        return Response.status(code.httpStatus()).type("application/problem+json").entity(body.build().toString()).build();
    }

    /**
     * Refusals are written as clauses that other messages can quote; shown alone, an English one starts with a
     * capital as a sentence does. Other languages are left as written: a Japanese sentence that starts with a field
     * name ({@code limit は…}) keeps the name as the API spells it.
     */
    static String asSentence(String detail, Locale language) {
        if (!language.getLanguage().equals(Locale.ENGLISH.getLanguage())
                || detail.isEmpty() || Character.isUpperCase(detail.codePointAt(0))) {
            return detail;
        }
        int first = detail.codePointAt(0);
        return new StringBuilder().appendCodePoint(Character.toUpperCase(first)).append(detail.substring(Character.charCount(first)))
                .toString();
    }

    /**
     * Maps every {@link Refusal} thrown by the plugin's resources, in the language the caller reads the UI in
     * (the host's setting, else the browser's {@code Accept-Language}); English to callers the host does not know.
     */
    @Provider
    @ApplicationScoped
    public static class RefusalMapper implements ExceptionMapper<Refusal> {
        @Inject
        CrmHost host;

        @Override
        public Response toResponse(Refusal refusal) {
            return of(refusal, host.currentUser().map(CurrentUser::locale).orElse(Locale.ENGLISH));
        }
    }
}
