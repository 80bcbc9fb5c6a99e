package io.crmkit.whatsapp.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A value of the CRM that a quick reply or a template takes from the conversation's records, written
 * {@code #Module.Field#} in the text, for example {@code #Contacts.First Name#}.
 */
public enum MergeField {
    CONTACT_FIRST_NAME("#Contacts.First Name#"),
    CONTACT_LAST_NAME("#Contacts.Last Name#"),
    CONTACT_PHONE("#Contacts.Phone#"),
    CONTACT_EMAIL("#Contacts.Email#"),
    COMPANY_NAME("#Companies.Name#"),
    PIPELINE_RECORD_NAME("#Pipelines.Name#"),
    PIPELINE_RECORD_STAGE("#Pipelines.Stage#"),
    USER_NAME("#User.Name#");

    private final String token;

    MergeField(String token) {
        this.token = token;
    }

    /** How the field is written in a text. */
    public String token() {
        return token;
    }

    public static Optional<MergeField> ofToken(String token) {
        return Arrays.stream(values()).filter(field -> field.token.equals(token)).findFirst();
    }

    /** Every field as written, in the order screens offer them. */
    public static List<String> tokens() {
        return Arrays.stream(values()).map(MergeField::token).toList();
    }
}
