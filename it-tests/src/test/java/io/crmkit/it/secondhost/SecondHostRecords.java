package io.crmkit.it.secondhost;

import io.crmkit.it.support.ApiClient;
import io.crmkit.it.support.EmbeddedDatabaseSession;
import io.crmkit.it.support.HostRecords;
import io.crmkit.it.support.TestDatabase;
import io.crmkit.plugin.api.Contact;
import io.crmkit.plugin.api.PipelineRecord;
import io.crmkit.plugin.api.RecordRef;
import io.crmkit.plugin.spi.PluginContext;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;

import java.io.File;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The second host, seen from a test: its application (the same plugin and libraries as the reference application,
 * with the second host in place of the reference host) and its records, read and prepared in its own tables.
 */
public record SecondHostRecords(URL base) implements HostRecords {
    private static final String DATABASE = "second_host";

    /** The second host with the WhatsApp plugin, on a database of its own in the test run's PostgreSQL. */
    public static WebArchive application() {
        WebArchive reference = ShrinkWrap.createFromZipFile(WebArchive.class, new File(System.getProperty("app.war")));
        WebArchive application = ShrinkWrap.create(WebArchive.class, "ROOT.war")
                .addClasses(SecondHost.class, SecondHostServices.class, SecondHostStartup.class, SecondHostLogin.class,
                        SecondHostApi.class, Sql.class)
                .addAsResource("second-host/V1__second_host_schema.sql")
                .setWebXML(new StringAsset(webXml(database())))
                .addAsWebInfResource(new StringAsset("<beans xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"4.0\""
                        + " bean-discovery-mode=\"annotated\"/>"), "beans.xml");
        reference.getContent(path -> path.get().startsWith("/WEB-INF/lib/"))
                .forEach((path, node) -> application.add(node.getAsset(), path));
        return application;
    }

    /** The shared data source of the host and its plugins, on the second host's own database. */
    private static String webXml(String databaseUrl) {
        return """
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <data-source>
                    <name>%s</name>
                    <class-name>org.postgresql.ds.PGSimpleDataSource</class-name>
                    <url>%s</url>
                    <user>postgres</user>
                    <password>postgres</password>
                    <min-pool-size>2</min-pool-size>
                    <max-pool-size>20</max-pool-size>
                  </data-source>
                </web-app>
                """.formatted(PluginContext.DATA_SOURCE_JNDI_NAME, databaseUrl.replace("&", "&amp;"));
    }

    /** The second host's database, created on first use. */
    private static synchronized String database() {
        String url = System.getProperty("it.db.url").replaceFirst("/postgres(\\?|$)", "/" + DATABASE + "$1");
        if (TestDatabase.number("select count(*) from pg_database where datname = ?", DATABASE) == 0) {
            TestDatabase.createDatabase(DATABASE);
        }
        return url;
    }

    @Override
    public String databaseUrl() {
        return database();
    }

    private long number(String sql, Object... parameters) {
        return TestDatabase.numberIn(databaseUrl(), sql, parameters);
    }

    private long change(String sql, Object... parameters) {
        return TestDatabase.updateIn(databaseUrl(), sql, parameters);
    }

    private <T> List<T> query(String sql, TestDatabase.Row<T> row, Object... parameters) {
        return TestDatabase.rowsIn(databaseUrl(), sql, row, parameters);
    }

    private long organisation() {
        return number("select organisation_id from second_host.person where login = 'admin'");
    }

    @Override
    public ApiClient administrator() {
        return ApiClient.as(base, "admin", EmbeddedDatabaseSession.ADMIN_PASSWORD);
    }

    @Override
    public long administratorId() {
        return number("select id from second_host.person where login = 'admin'");
    }

    /** A new organisation whose administrator has the first administrator's password (its hash copied). */
    @Override
    public ApiClient outsider() {
        String login = "outsider" + UUID.randomUUID().toString().substring(0, 8);
        long organisation = change("insert into second_host.organisation (name, region, stages)"
                + " values ('Other', 'JP', array['Lead', 'Won']) returning id");
        long profile = change("insert into second_host.profile (organisation_id, name, administrator, edits_records)"
                + " values (?, 'Administrators', true, true) returning id", organisation);
        change("insert into second_host.person (organisation_id, login, name, password_hash, profile_id, active)"
                + " select ?, ?, 'Outsider', password_hash, ?, true from second_host.person where login = 'admin'",
                organisation, login, profile);
        return ApiClient.as(base, login, EmbeddedDatabaseSession.ADMIN_PASSWORD);
    }

    @Override
    public long newProfile() {
        return change("insert into second_host.profile (organisation_id, name, administrator, edits_records)"
                + " values (?, ?, false, true) returning id", organisation(), "Profile " + UUID.randomUUID());
    }

    @Override
    public ApiClient newUser(long profileId) {
        String login = "user" + UUID.randomUUID().toString().substring(0, 8);
        change("insert into second_host.person (organisation_id, login, name, password_hash, profile_id, active)"
                + " select organisation_id, ?, ?, password_hash, ?, true from second_host.person where login = 'admin'",
                login, "User " + login, profileId);
        return ApiClient.as(base, login, EmbeddedDatabaseSession.ADMIN_PASSWORD);
    }

    @Override
    public long newContact(String firstName, String lastName, String phone) {
        return change("insert into second_host.contact (organisation_id, first_name, last_name, phone)"
                + " values (?, ?, ?, ?) returning id", organisation(), firstName, lastName, phone);
    }

    @Override
    public long newCompany(String name) {
        return change("insert into second_host.company (organisation_id, name) values (?, ?) returning id", organisation(), name);
    }

    @Override
    public void moveToCompany(long contactId, long companyId) {
        change("update second_host.contact set company_id = ? where id = ?", companyId, contactId);
    }

    @Override
    public List<String> stages() {
        return query("select unnest(stages) from second_host.organisation where id = ?", rows -> rows.getString(1),
                organisation());
    }

    @Override
    public long newPipelineRecord(String name, String stage, Optional<BigDecimal> amount, Optional<Long> contactId) {
        return change("insert into second_host.deal (organisation_id, name, stage, amount, contact_id)"
                + " values (?, ?, ?, ?, ?) returning id", organisation(), name, stage, amount.orElse(null), contactId.orElse(null));
    }

    @Override
    public void addNote(RecordRef record, String text) {
        change("insert into second_host.note (organisation_id, record_kind, record_id, body, author_id) values (?, ?, ?, ?, ?)",
                organisation(), record.module().name(), record.id(), text, administratorId());
    }

    private static Optional<Long> id(ResultSet row, String column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? Optional.empty() : Optional.of(value);
    }

    @Override
    public Contact contact(long contactId) {
        return query("select * from second_host.contact where id = ?", row -> new Contact(contactId,
                row.getString("first_name"), row.getString("last_name"), Optional.ofNullable(row.getString("phone")),
                Optional.ofNullable(row.getString("email")), id(row, "company_id"), id(row, "owner_id")), contactId).get(0);
    }

    @Override
    public String companyName(long companyId) {
        return query("select name from second_host.company where id = ?", rows -> rows.getString(1), companyId).get(0);
    }

    @Override
    public long companyCount() {
        return number("select count(*) from second_host.company");
    }

    @Override
    public PipelineRecord pipelineRecord(long recordId) {
        return query("select * from second_host.deal where id = ?", row -> new PipelineRecord(recordId, row.getString("name"),
                row.getString("stage"), Optional.ofNullable(row.getBigDecimal("amount")), id(row, "contact_id"),
                id(row, "company_id"), id(row, "owner_id")), recordId).get(0);
    }

    @Override
    public List<String> notes(RecordRef record) {
        return query("select body from second_host.note where record_kind = ? and record_id = ? order by id",
                rows -> rows.getString(1), record.module().name(), record.id());
    }

    @Override
    public String pageOf(RecordRef record) {
        return "/records/" + record.module().pathSegment() + "/" + record.id();
    }
}
