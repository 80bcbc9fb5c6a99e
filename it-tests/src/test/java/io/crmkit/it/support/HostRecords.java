package io.crmkit.it.support;

import io.crmkit.plugin.api.Contact;
import io.crmkit.plugin.api.PipelineRecord;
import io.crmkit.plugin.api.RecordRef;

import java.math.BigDecimal;
import java.net.URL;
import java.util.List;
import java.util.Optional;

/**
 * The host CRM a CRM-facing test of the plugin runs on, seen from outside: its people, and its records as the test
 * prepares and then checks them, each host the way it offers (its REST API, its tables). The plugin itself is
 * reached only through its own endpoints.
 */
public interface HostRecords {

    /** Where the server answers. */
    URL base();

    /** The JDBC URL of the database the plugin keeps its tables in on this host. */
    String databaseUrl();

    /** The first organisation's administrator. */
    ApiClient administrator();

    long administratorId();

    /** The administrator of another organisation, made for the occasion. */
    ApiClient outsider();

    /** A new profile of the first organisation without any of the host's administration rights. */
    long newProfile();

    /** A new user of the first organisation with this profile. */
    ApiClient newUser(long profileId);

    long newContact(String firstName, String lastName, String phone);

    long newCompany(String name);

    void moveToCompany(long contactId, long companyId);

    /** The pipeline's stages, in order. */
    List<String> stages();

    long newPipelineRecord(String name, String stage, Optional<BigDecimal> amount, Optional<Long> contactId);

    void addNote(RecordRef record, String text);

    Contact contact(long contactId);

    String companyName(long companyId);

    long companyCount();

    PipelineRecord pipelineRecord(long recordId);

    /** The texts of a record's notes, oldest first. */
    List<String> notes(RecordRef record);

    /** The path of the host's page of a record. */
    String pageOf(RecordRef record);
}
