package io.crmkit.crm.interfaces.rest;

import io.crmkit.plugin.api.CurrentUser;

/** The host's authorisation rules for its own endpoints. */
public final class AccessPolicy {
    private AccessPolicy() {
    }

    public static void requireAdministrator(CurrentUser user) {
        if (!user.administrator()) {
            throw new AccessDeniedException("Only administrators may do this: ask one of your administrators.");
        }
    }

    /** The caller is known but may not do this. */
    public static class AccessDeniedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public AccessDeniedException(String message) {
            super(message);
        }
    }
}
