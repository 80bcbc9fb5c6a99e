package io.crmkit.crm.interfaces.rest;

import io.crmkit.crm.domain.RefusalText;
import io.crmkit.plugin.api.CurrentUser;

import java.util.Locale;

/** The host's authorisation rules for its own endpoints. */
public final class AccessPolicy {
    private AccessPolicy() {
    }

    public static void requireAdministrator(CurrentUser user) {
        if (!user.administrator()) {
            throw new AccessDeniedException(RefusalText.ADMINISTRATORS_ONLY);
        }
    }

    /** The caller is known but may not do this. */
    public static class AccessDeniedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        private final RefusalText text;

        public AccessDeniedException(RefusalText text) {
            super(text.format(Locale.ENGLISH));
            this.text = text;
        }

        public String detailIn(Locale locale) {
            return text.format(locale);
        }
    }
}
