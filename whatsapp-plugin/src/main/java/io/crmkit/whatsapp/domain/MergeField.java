package io.crmkit.whatsapp.domain;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A value of the CRM that a quick reply or a template takes from the conversation's records, written
 * {@code #Module.Field#} in the text, for example {@code #Contacts.First Name#}.
 */
public enum MergeField {
    CONTACT_FIRST_NAME("#Contacts.First Name#", "contact_first_name", "Hanako"),
    CONTACT_LAST_NAME("#Contacts.Last Name#", "contact_last_name", "Yamada"),
    CONTACT_PHONE("#Contacts.Phone#", "contact_phone", "+81 90 1234 5678"),
    CONTACT_EMAIL("#Contacts.Email#", "contact_email", "hanako@example.com"),
    COMPANY_NAME("#Companies.Name#", "company_name", "Example Trading"),
    PIPELINE_RECORD_NAME("#Pipelines.Name#", "pipeline_record_name", "Spring order"),
    PIPELINE_RECORD_STAGE("#Pipelines.Stage#", "pipeline_record_stage", "Proposal"),
    USER_NAME("#User.Name#", "user_name", "Ken Sato");

    private final String token;
    private final String parameterName;
    private final String example;

    MergeField(String token, String parameterName, String example) {
        this.token = token;
        this.parameterName = parameterName;
        this.example = example;
    }

    /** How the field is written in a text. */
    public String token() {
        return token;
    }

    /** The name of the field as a named parameter of a Meta template: lowercase letters and {@code _}. */
    public String parameterName() {
        return parameterName;
    }

    /** A value Meta's reviewers see in the field's place, and the template preview shows before a contact is chosen. */
    public String example() {
        return example;
    }

    public static Optional<MergeField> ofToken(String token) {
        return Arrays.stream(values()).filter(field -> field.token.equals(token)).findFirst();
    }

    /** Every field as written, in the order screens offer them. */
    public static List<String> tokens() {
        return Arrays.stream(values()).map(MergeField::token).toList();
    }
}
