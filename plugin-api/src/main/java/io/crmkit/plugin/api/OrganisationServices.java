package io.crmkit.plugin.api;

/** The host services of one organisation; every call is confined to that organisation's records. */
public interface OrganisationServices {

    long organisationId();

    ContactService contacts();

    CompanyService companies();

    PipelineService pipelines();

    NoteService notes();

    UserDirectory users();

    PermissionCheck permissions();
}
