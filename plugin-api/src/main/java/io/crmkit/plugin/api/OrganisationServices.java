package io.crmkit.plugin.api;

import java.time.ZoneId;
import java.time.ZoneOffset;

/** The host services of one organisation; every call is confined to that organisation's records. */
public interface OrganisationServices {

    long organisationId();

    ContactService contacts();

    CompanyService companies();

    PipelineService pipelines();

    NoteService notes();

    UserDirectory users();

    PermissionCheck permissions();

    /**
     * Where the organisation's days and months begin, for what a plugin counts per month (allowances, reports). A host
     * that does not know keeps this default: UTC.
     */
    default ZoneId timeZone() {
        return ZoneOffset.UTC;
    }

    /** How the organisation pays; a host that takes no payments keeps this default, {@link PaymentService#NONE}. */
    default PaymentService payments() {
        return PaymentService.NONE;
    }
}
