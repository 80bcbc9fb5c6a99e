package io.crmkit.plugin.api;

/** The host's own rights of a user; a plugin's permissions are granted and checked by the plugin itself. */
public interface PermissionCheck {

    /** The rights a host grants through its profiles. */
    enum HostRight {
        /** Administer the CRM: users, profiles, plugin settings. */
        ADMINISTER,
        /** Read contacts, companies and pipeline records. */
        READ_RECORDS,
        /** Create and change contacts, companies, pipeline records and notes. */
        EDIT_RECORDS
    }

    /** Whether an active user of this organisation holds the right; false for unknown or deactivated users. */
    boolean hasRight(long userId, HostRight right);
}
