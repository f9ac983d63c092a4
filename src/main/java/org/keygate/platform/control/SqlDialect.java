package org.keygate.platform.control;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/**
 * The one place that tells the two databases apart, for the few statements plain SQL cannot say
 * for both: which database a connection talks to, from its product name. Everything else runs
 * unchanged on the embedded H2 and on PostgreSQL.
 */
public enum SqlDialect {
    H2, POSTGRESQL;

    public static SqlDialect of(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (product.contains("postgres")) {
            return POSTGRESQL;
        }
        if (product.contains("h2")) {
            return H2;
        }
        throw new SQLException("unsupported database: " + product + " (Keygate runs on H2 and PostgreSQL)");
    }
}
