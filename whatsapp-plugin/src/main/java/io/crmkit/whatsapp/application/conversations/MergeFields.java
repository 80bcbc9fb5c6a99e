package io.crmkit.whatsapp.application.conversations;

import io.crmkit.plugin.api.Company;
import io.crmkit.plugin.api.Contact;
import io.crmkit.plugin.api.CrmHost;
import io.crmkit.plugin.api.CurrentUser;
import io.crmkit.plugin.api.OrganisationServices;
import io.crmkit.plugin.api.PipelineRecord;
import io.crmkit.plugin.api.User;
import io.crmkit.whatsapp.domain.Conversation;
import io.crmkit.whatsapp.domain.MergeField;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code #Module.Field#} merge fields of quick replies (and of templates), filled on the server from the
 * conversation's contact, the contact's company and latest pipeline record, and the user who writes, all read
 * through {@code plugin-api}. A field without a value in the CRM fills with nothing; {@link Filled#missing} names
 * those fields, so that a screen can warn before sending.
 */
@ApplicationScoped
public class MergeFields {
    private static final Pattern FIELD = Pattern.compile("#[^#\\n]{1,60}#");

    @Inject
    CrmHost host;

    /** The value of every field for a conversation, as the writing user would send it; empty when the CRM has none. */
    public record Values(Map<MergeField, Optional<String>> byField) {

        public Optional<String> of(MergeField field) {
            return byField.getOrDefault(field, Optional.empty());
        }

        /** The text with each known field replaced by its value; unknown {@code #...#} text is left as written. */
        public Filled fill(String text) {
            Matcher fields = FIELD.matcher(text);
            StringBuilder filled = new StringBuilder();
            List<String> missing = new ArrayList<>();
            while (fields.find()) {
                Optional<Optional<String>> value = MergeField.ofToken(fields.group()).map(byField::get);
                if (value.isEmpty()) {
                    fields.appendReplacement(filled, Matcher.quoteReplacement(fields.group()));
                    continue;
                }
                if (value.get().isEmpty()) {
                    missing.add(fields.group());
                }
                fields.appendReplacement(filled, Matcher.quoteReplacement(value.get().orElse("")));
            }
            fields.appendTail(filled);
            return new Filled(filled.toString(), List.copyOf(missing));
        }
    }

    /**
     * A text with its merge fields filled.
     *
     * @param missing the fields that had no value and were left empty
     */
    public record Filled(String text, List<String> missing) {
    }

    public Values valuesFor(CurrentUser writer, Conversation conversation) {
        return valuesFor(writer, conversation.organisationId(), Optional.of(conversation.contactId()), Optional.empty(),
                Optional.of(conversation));
    }

    /**
     * The values for a contact, before any conversation with them exists; the pipeline record is the one chosen, or
     * else the contact's latest. A conversation, when there is one, gives the name and number WhatsApp knows.
     */
    public Values valuesFor(CurrentUser writer, long organisationId, Optional<Long> contactId,
                            Optional<Long> pipelineRecordId, Optional<Conversation> conversation) {
        OrganisationServices crm = host.organisation(organisationId);
        Optional<Contact> contact = contactId.flatMap(crm.contacts()::find);
        Optional<Company> company = contact.flatMap(Contact::companyId).flatMap(crm.companies()::find);
        Optional<PipelineRecord> record = pipelineRecordId.flatMap(crm.pipelines()::find)
                .or(() -> contact.map(c -> crm.pipelines().findByContact(c.id())).orElse(List.of()).stream()
                        .max(Comparator.comparingLong(PipelineRecord::id)));
        Map<MergeField, Optional<String>> values = new EnumMap<>(MergeField.class);
        for (MergeField field : MergeField.values()) {
            values.put(field, switch (field) {
                case CONTACT_FIRST_NAME -> contact.map(Contact::firstName)
                        .or(() -> conversation.map(Conversation::customerName)).filter(name -> !name.isBlank());
                case CONTACT_LAST_NAME -> contact.map(Contact::lastName).filter(name -> !name.isBlank());
                case CONTACT_PHONE -> contact.flatMap(Contact::phone)
                        .or(() -> conversation.flatMap(c -> c.customer().phoneNumber()));
                case CONTACT_EMAIL -> contact.flatMap(Contact::email);
                case COMPANY_NAME -> company.map(Company::name);
                case PIPELINE_RECORD_NAME -> record.map(PipelineRecord::name);
                case PIPELINE_RECORD_STAGE -> record.map(PipelineRecord::stage);
                case USER_NAME -> crm.users().find(writer.userId()).map(User::name);
            });
        }
        return new Values(values);
    }
}
