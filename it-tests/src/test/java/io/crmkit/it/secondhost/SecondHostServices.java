package io.crmkit.it.secondhost;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import io.crmkit.plugin.api.Company;
import io.crmkit.plugin.api.CompanyService;
import io.crmkit.plugin.api.Contact;
import io.crmkit.plugin.api.ContactChanges;
import io.crmkit.plugin.api.ContactService;
import io.crmkit.plugin.api.InvalidRecordException;
import io.crmkit.plugin.api.NewContact;
import io.crmkit.plugin.api.NewPipelineRecord;
import io.crmkit.plugin.api.Note;
import io.crmkit.plugin.api.NoteService;
import io.crmkit.plugin.api.OrganisationServices;
import io.crmkit.plugin.api.Page;
import io.crmkit.plugin.api.PageRequest;
import io.crmkit.plugin.api.PermissionCheck;
import io.crmkit.plugin.api.PipelineRecord;
import io.crmkit.plugin.api.PipelineRecordChanges;
import io.crmkit.plugin.api.PipelineService;
import io.crmkit.plugin.api.Profile;
import io.crmkit.plugin.api.RecordModule;
import io.crmkit.plugin.api.RecordNotFoundException;
import io.crmkit.plugin.api.RecordRef;
import io.crmkit.plugin.api.User;
import io.crmkit.plugin.api.UserDirectory;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/** The second host's services of one organisation, each a few statements on its own schema. */
final class SecondHostServices implements OrganisationServices {
    private static final int NAME_LIMIT = 300;
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
    private static final String CONTACT_COLUMNS = "id, first_name, last_name, phone, email, company_id, owner_id";
    private static final String DEAL_COLUMNS = "id, name, stage, amount, contact_id, company_id, owner_id";

    private final long organisation;
    private final Sql sql;
    /** The language of the user served, for refusals. */
    private final Supplier<Optional<Locale>> language;

    SecondHostServices(long organisation, Sql sql, Supplier<Optional<Locale>> language) {
        this.organisation = organisation;
        this.sql = sql;
        this.language = language;
    }

    @Override
    public long organisationId() {
        return organisation;
    }

    /** What the second host refuses, in English and Japanese. */
    private enum Refused {
        NO_NAME("A contact needs a first or a last name.", "姓か名を入力してください。"),
        BLANK("Enter a name.", "名前を入力してください。"),
        TOO_LONG("At most " + NAME_LIMIT + " characters.", NAME_LIMIT + " 文字までです。"),
        NOT_A_PHONE("Not a phone number in international form, such as +81 90 1234 5678.",
                "+81 90 1234 5678 のような国際形式の電話番号ではありません。"),
        NOT_AN_EMAIL("Not an email address.", "メールアドレスではありません。"),
        UNKNOWN("No such record in this organisation.", "この組織にそのレコードはありません。"),
        NOT_A_STAGE("Not a stage of the pipeline.", "パイプラインのステージではありません。"),
        NOT_AN_AMOUNT("An amount is zero or more, with at most two decimals.", "金額は 0 以上、小数点以下 2 桁までです。"),
        NOT_A_CURSOR("This cursor belongs to no earlier page.", "このカーソルは前のページのものではありません。");

        private final String english;
        private final String japanese;

        Refused(String english, String japanese) {
            this.english = english;
            this.japanese = japanese;
        }
    }

    private InvalidRecordException refused(String field, Refused why) {
        boolean japanese = language.get().map(Locale::getLanguage).filter("ja"::equals).isPresent();
        return new InvalidRecordException(field, japanese ? why.japanese : why.english);
    }

    private String name(String field, String value, boolean required) {
        String name = value == null ? "" : value.strip();
        if (required && name.isEmpty()) {
            throw refused(field, Refused.BLANK);
        }
        if (name.codePointCount(0, name.length()) > NAME_LIMIT) {
            throw refused(field, Refused.TOO_LONG);
        }
        return name;
    }

    private String email(String value) {
        String email = value.strip();
        if (!EMAIL.matcher(email).matches() || email.length() > 254) {
            throw refused("email", Refused.NOT_AN_EMAIL);
        }
        return email;
    }

    private String region() {
        return sql.one("select region from second_host.organisation where id = ?", rows -> rows.getString(1), organisation)
                .orElseThrow();
    }

    /** The E.164 form of a valid number, read in the organisation's region when written without a country code. */
    private Optional<String> e164(String phone) {
        PhoneNumberUtil numbers = PhoneNumberUtil.getInstance();
        try {
            var number = numbers.parse(phone, region());
            return numbers.isValidNumber(number)
                    ? Optional.of(numbers.format(number, PhoneNumberUtil.PhoneNumberFormat.E164)) : Optional.empty();
        } catch (NumberParseException notANumber) {
            return Optional.empty();
        }
    }

    private boolean exists(String table, long id) {
        return sql.one("select 1 from second_host." + table + " where organisation_id = ? and id = ?",
                rows -> true, organisation, id).isPresent();
    }

    private Long existing(String field, String table, Optional<Long> id) {
        if (id.isPresent() && !exists(table, id.get())) {
            throw refused(field, Refused.UNKNOWN);
        }
        return id.orElse(null);
    }

    private static long afterId(PageRequest page, Supplier<InvalidRecordException> notACursor) {
        try {
            return page.cursor().map(Long::parseLong).orElse(Long.MAX_VALUE);
        } catch (NumberFormatException forged) {
            throw notACursor.get();
        }
    }

    private static <T> Page<T> page(List<T> rows, PageRequest page, java.util.function.ToLongFunction<T> id) {
        if (rows.size() <= page.limit()) {
            return new Page<>(rows, Optional.empty());
        }
        List<T> items = rows.subList(0, page.limit());
        return new Page<>(items, Optional.of(Long.toString(id.applyAsLong(items.get(items.size() - 1)))));
    }

    private static Optional<Long> optionalId(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(value);
    }

    private static Contact contact(ResultSet row) throws SQLException {
        return new Contact(row.getLong("id"), row.getString("first_name"), row.getString("last_name"),
                Optional.ofNullable(row.getString("phone")), Optional.ofNullable(row.getString("email")),
                optionalId(row, "company_id"), optionalId(row, "owner_id"));
    }

    private static PipelineRecord deal(ResultSet row) throws SQLException {
        return new PipelineRecord(row.getLong("id"), row.getString("name"), row.getString("stage"),
                Optional.ofNullable(row.getBigDecimal("amount")), optionalId(row, "contact_id"),
                optionalId(row, "company_id"), optionalId(row, "owner_id"));
    }

    @Override
    public ContactService contacts() {
        return new ContactService() {
            @Override
            public Optional<Contact> find(long contactId) {
                return sql.one("select " + CONTACT_COLUMNS + " from second_host.contact where organisation_id = ? and id = ?",
                        SecondHostServices::contact, organisation, contactId);
            }

            @Override
            public List<Contact> findAll(Collection<Long> contactIds) {
                return sql.list("select " + CONTACT_COLUMNS + " from second_host.contact where organisation_id = ?"
                        + " and id = any (?)", SecondHostServices::contact, organisation, contactIds.toArray(Long[]::new));
            }

            @Override
            public List<Contact> findByPhone(String phone) {
                return e164(phone).map(number -> sql.list("select " + CONTACT_COLUMNS + " from second_host.contact"
                        + " where organisation_id = ? and phone = ? order by id", SecondHostServices::contact, organisation,
                        number)).orElse(List.of());
            }

            @Override
            public Page<Contact> search(String text, PageRequest page) {
                String like = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
                return page(sql.list("select " + CONTACT_COLUMNS + " from second_host.contact where organisation_id = ?"
                        + " and id < ? and (first_name || ' ' || last_name ilike ? or phone ilike ? or email ilike ?)"
                        + " order by id desc limit ?", SecondHostServices::contact, organisation,
                        afterId(page, () -> refused("cursor", Refused.NOT_A_CURSOR)), like, like, like, page.limit() + 1),
                        page, Contact::id);
            }

            @Override
            public Contact create(NewContact contact) {
                String first = name("firstName", contact.firstName(), false);
                String last = name("lastName", contact.lastName(), false);
                if (first.isEmpty() && last.isEmpty()) {
                    throw refused("firstName", Refused.NO_NAME);
                }
                String phone = contact.phone().filter(p -> !p.isBlank())
                        .map(p -> e164(p).orElseThrow(() -> refused("phone", Refused.NOT_A_PHONE))).orElse(null);
                String email = contact.email().filter(e -> !e.isBlank()).map(SecondHostServices.this::email).orElse(null);
                Long company = existing("companyId", "company", contact.companyId());
                Long owner = existing("ownerId", "person", contact.ownerId());
                long id = sql.change("insert into second_host.contact (organisation_id, first_name, last_name, phone, email,"
                        + " company_id, owner_id) values (?, ?, ?, ?, ?, ?, ?) returning id", organisation, first, last, phone,
                        email, company, owner);
                return find(id).orElseThrow();
            }

            @Override
            public Contact changePhone(long contactId, String phone) {
                Contact contact = find(contactId).orElseThrow(() -> new RecordNotFoundException("contact", contactId));
                String number = e164(phone).orElseThrow(() -> refused("phone", Refused.NOT_A_PHONE));
                sql.change("update second_host.contact set phone = ? where id = ?", number, contact.id());
                return find(contactId).orElseThrow();
            }

            @Override
            public Contact update(long contactId, ContactChanges changes) {
                Contact contact = find(contactId).orElseThrow(() -> new RecordNotFoundException("contact", contactId));
                String first = changes.firstName().map(value -> name("firstName", value, false)).orElse(contact.firstName());
                String last = changes.lastName().map(value -> name("lastName", value, false)).orElse(contact.lastName());
                if (first.isEmpty() && last.isEmpty()) {
                    throw refused("firstName", Refused.NO_NAME);
                }
                String email = changes.email().map(SecondHostServices.this::email).orElse(contact.email().orElse(null));
                Long company = changes.companyId().isPresent() ? existing("companyId", "company", changes.companyId())
                        : contact.companyId().orElse(null);
                sql.change("update second_host.contact set first_name = ?, last_name = ?, email = ?, company_id = ?"
                        + " where id = ?", first, last, email, company, contactId);
                return find(contactId).orElseThrow();
            }
        };
    }

    @Override
    public CompanyService companies() {
        return new CompanyService() {
            private Company company(ResultSet row) throws SQLException {
                return new Company(row.getLong("id"), row.getString("name"), Optional.empty(), Optional.empty());
            }

            @Override
            public Optional<Company> find(long companyId) {
                return sql.one("select id, name from second_host.company where organisation_id = ? and id = ?",
                        this::company, organisation, companyId);
            }

            @Override
            public Page<Company> search(String text, PageRequest page) {
                return page(sql.list("select id, name from second_host.company where organisation_id = ? and id < ?"
                        + " and strpos(lower(name), lower(?)) > 0 order by id desc limit ?", this::company, organisation,
                        afterId(page, () -> refused("cursor", Refused.NOT_A_CURSOR)), text, page.limit() + 1), page, Company::id);
            }

            @Override
            public Company create(String name) {
                long id = sql.change("insert into second_host.company (organisation_id, name) values (?, ?) returning id",
                        organisation, name("name", name, true));
                return find(id).orElseThrow();
            }
        };
    }

    @Override
    public PipelineService pipelines() {
        return new PipelineService() {
            @Override
            public List<String> stages() {
                return sql.one("select stages from second_host.organisation where id = ?",
                        rows -> Arrays.asList((String[]) rows.getArray(1).getArray()), organisation).orElseThrow();
            }

            private String stage(String stage) {
                if (!stages().contains(stage)) {
                    throw refused("stage", Refused.NOT_A_STAGE);
                }
                return stage;
            }

            private BigDecimal amount(BigDecimal amount) {
                if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > 2) {
                    throw refused("amount", Refused.NOT_AN_AMOUNT);
                }
                return amount;
            }

            @Override
            public Optional<PipelineRecord> find(long recordId) {
                return sql.one("select " + DEAL_COLUMNS + " from second_host.deal where organisation_id = ? and id = ?",
                        SecondHostServices::deal, organisation, recordId);
            }

            @Override
            public List<PipelineRecord> findByContact(long contactId) {
                return sql.list("select " + DEAL_COLUMNS + " from second_host.deal where organisation_id = ? and contact_id = ?"
                        + " order by id desc", SecondHostServices::deal, organisation, contactId);
            }

            @Override
            public PipelineRecord create(NewPipelineRecord record) {
                String name = name("name", record.name(), true);
                String stage = stage(record.stage());
                BigDecimal amount = record.amount().map(this::amount).orElse(null);
                Long contact = existing("contactId", "contact", record.contactId());
                Long company = existing("companyId", "company", record.companyId());
                Long owner = existing("ownerId", "person", record.ownerId());
                long id = sql.change("insert into second_host.deal (organisation_id, name, stage, amount, contact_id, company_id,"
                        + " owner_id) values (?, ?, ?, ?, ?, ?, ?) returning id", organisation, name, stage, amount, contact,
                        company, owner);
                return find(id).orElseThrow();
            }

            @Override
            public PipelineRecord moveToStage(long recordId, String stage) {
                return update(recordId, new PipelineRecordChanges(Optional.of(stage), Optional.empty(), Optional.empty()));
            }

            @Override
            public PipelineRecord update(long recordId, PipelineRecordChanges changes) {
                PipelineRecord record = find(recordId).orElseThrow(() -> new RecordNotFoundException("pipeline record", recordId));
                String stage = changes.stage().map(this::stage).orElse(record.stage());
                BigDecimal amount = changes.amount().map(this::amount).orElse(record.amount().orElse(null));
                Long owner = changes.ownerId().isPresent() ? existing("ownerId", "person", changes.ownerId())
                        : record.ownerId().orElse(null);
                sql.change("update second_host.deal set stage = ?, amount = ?, owner_id = ? where id = ?", stage, amount, owner,
                        recordId);
                return find(recordId).orElseThrow();
            }
        };
    }

    private static String tableOf(RecordModule module) {
        return switch (module) {
            case CONTACTS -> "contact";
            case COMPANIES -> "company";
            case PIPELINES -> "deal";
        };
    }

    @Override
    public NoteService notes() {
        return new NoteService() {
            @Override
            public List<Note> list(RecordRef record) {
                return sql.list("select id, body, written_at, author_id from second_host.note where organisation_id = ?"
                        + " and record_kind = ? and record_id = ? order by id", row -> new Note(row.getLong("id"), record,
                        row.getString("body"), row.getTimestamp("written_at").toInstant(), row.getLong("author_id")),
                        organisation, record.module().name(), record.id());
            }

            @Override
            public Note add(RecordRef record, String text, long authorId) {
                if (!exists(tableOf(record.module()), record.id())) {
                    throw new RecordNotFoundException(record.module().pathSegment(), record.id());
                }
                if (text == null || text.isBlank()) {
                    throw refused("text", Refused.BLANK);
                }
                existing("authorId", "person", Optional.of(authorId));
                long id = sql.change("insert into second_host.note (organisation_id, record_kind, record_id, body, author_id)"
                        + " values (?, ?, ?, ?, ?) returning id", organisation, record.module().name(), record.id(), text, authorId);
                return list(record).stream().filter(note -> note.id() == id).findFirst().orElseThrow();
            }
        };
    }

    @Override
    public UserDirectory users() {
        String columns = "select id, login, name, email, profile_id, active from second_host.person where organisation_id = ?";
        Sql.Row<User> user = row -> new User(row.getLong("id"), row.getString("login"), row.getString("name"),
                Optional.ofNullable(row.getString("email")), row.getLong("profile_id"), row.getBoolean("active"));
        Sql.Row<Profile> profile = row -> new Profile(row.getLong("id"), row.getString("name"), row.getBoolean("administrator"));
        return new UserDirectory() {
            @Override
            public Optional<User> find(long userId) {
                return sql.one(columns + " and id = ?", user, organisation, userId);
            }

            @Override
            public List<User> list() {
                return sql.list(columns + " order by id", user, organisation);
            }

            @Override
            public List<Profile> profiles() {
                return sql.list("select id, name, administrator from second_host.profile where organisation_id = ? order by id",
                        profile, organisation);
            }

            @Override
            public Optional<Profile> findProfile(long profileId) {
                return sql.one("select id, name, administrator from second_host.profile where organisation_id = ? and id = ?",
                        profile, organisation, profileId);
            }
        };
    }

    @Override
    public PermissionCheck permissions() {
        return (userId, right) -> sql.one("select p.administrator, p.edits_records from second_host.person u join"
                + " second_host.profile p on p.id = u.profile_id where u.organisation_id = ? and u.id = ? and u.active",
                row -> switch (right) {
                    case ADMINISTER -> row.getBoolean(1);
                    case READ_RECORDS -> true;
                    case EDIT_RECORDS -> row.getBoolean(1) || row.getBoolean(2);
                }, organisation, userId).orElse(false);
    }
}
