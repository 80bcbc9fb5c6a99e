package io.crmkit.it.secondhost;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Statements on the shared data source. Inside the caller's JTA transaction they take part in it; outside one each
 * statement commits on its own, which is why every change of the second host is a single statement run after its
 * checks.
 */
final class Sql {
    private final DataSource dataSource;

    Sql(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** How a row becomes a value. */
    @FunctionalInterface
    interface Row<T> {
        T read(ResultSet row) throws SQLException;
    }

    <T> List<T> list(String sql, Row<T> row, Object... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            List<T> values = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    values.add(row.read(rows));
                }
            }
            return values;
        } catch (SQLException failed) {
            throw new IllegalStateException("second host: " + sql, failed);
        }
    }

    <T> Optional<T> one(String sql, Row<T> row, Object... parameters) {
        return list(sql, row, parameters).stream().findFirst();
    }

    /** Runs an insert or update; answers the first column it returns, or the number of rows changed. */
    long change(String sql, Object... parameters) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, parameters);
            if (statement.execute()) {
                try (ResultSet rows = statement.getResultSet()) {
                    return rows.next() ? rows.getLong(1) : 0;
                }
            }
            return statement.getUpdateCount();
        } catch (SQLException failed) {
            throw new IllegalStateException("second host: " + sql, failed);
        }
    }

    private static void bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
    }
}
