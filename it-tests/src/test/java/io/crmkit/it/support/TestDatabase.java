package io.crmkit.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Direct access to the test database, to check what the application stored (and did not store). */
public final class TestDatabase {
    private TestDatabase() {
    }

    public static Connection connect() throws SQLException {
        return connect(System.getProperty("it.db.url"));
    }

    private static Connection connect(String url) throws SQLException {
        return DriverManager.getConnection(url, "postgres", "postgres");
    }

    /** A new, empty database on the test run's PostgreSQL; answers its JDBC URL. */
    public static String createDatabase(String name) {
        update("create database " + name);
        return urlOf(name);
    }

    /** The JDBC URL of a database of the test run's PostgreSQL. */
    public static String urlOf(String database) {
        return System.getProperty("it.db.url").replaceFirst("/postgres(\\?|$)", "/" + database + "$1");
    }

    /** How a row of a query becomes a value. */
    @FunctionalInterface
    public interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    /** Every row a query answers in the database at {@code url}, each read by {@code row}. */
    public static <T> java.util.List<T> rowsIn(String url, String sql, Row<T> row, Object... parameters) {
        try (Connection connection = connect(url); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            java.util.List<T> values = new java.util.ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    values.add(row.read(result));
                }
            }
            return values;
        } catch (SQLException failed) {
            throw new IllegalStateException(sql, failed);
        }
    }

    /** The single number a query answers, for example a {@code count(*)}. */
    public static long number(String sql, Object... parameters) {
        return numberIn(System.getProperty("it.db.url"), sql, parameters);
    }

    /** The single number a query answers in the database at {@code url}. */
    public static long numberIn(String url, String sql, Object... parameters) {
        return rowsIn(url, sql, result -> result.getLong(1), parameters).get(0);
    }

    /** The first column of every row a query answers. */
    public static java.util.List<String> strings(String sql, Object... parameters) {
        return stringsIn(System.getProperty("it.db.url"), sql, parameters);
    }

    /** The first column of every row a query answers in the database at {@code url}. */
    public static java.util.List<String> stringsIn(String url, String sql, Object... parameters) {
        return rowsIn(url, sql, result -> result.getString(1), parameters);
    }

    /** Runs an insert or update and answers the first column of what it returns, if anything. */
    public static long update(String sql, Object... parameters) {
        return updateIn(System.getProperty("it.db.url"), sql, parameters);
    }

    /** {@link #update} in the database at {@code url}. */
    public static long updateIn(String url, String sql, Object... parameters) {
        try (Connection connection = connect(url); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            if (statement.execute()) {
                try (ResultSet result = statement.getResultSet()) {
                    return result.next() ? result.getLong(1) : 0;
                }
            }
            return statement.getUpdateCount();
        } catch (SQLException failed) {
            throw new IllegalStateException(sql, failed);
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }

    /** How many contacts, companies, deals and notes exist in all: unchanged by a refused request. */
    public static long recordCount() {
        return number("select (select count(*) from crm.contact) + (select count(*) from crm.company)"
                + " + (select count(*) from crm.deal) + (select count(*) from crm.note) + (select count(*) from crm.user_account)"
                + " + (select count(*) from crm.profile)");
    }
}
