package dev.ballast.service.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The databases the store runs on, told apart by what their JDBC driver calls them. Quartz's
 * tables differ between them (migration {@code V10__quartz_job_store}).
 */
public enum Vendor {
    H2,
    POSTGRESQL;

    /**
     * The database behind {@code db}.
     *
     * @throws SQLException also when it is neither H2 nor PostgreSQL: the store has no scripts for it
     */
    public static Vendor of(DataSource db) throws SQLException {
        try (Connection c = db.getConnection()) {
            return of(c);
        }
    }

    /** The database {@code c} is connected to; as {@link #of(DataSource)}. */
    public static Vendor of(Connection c) throws SQLException {
        String product = c.getMetaData().getDatabaseProductName();
        switch (product.toLowerCase(Locale.ROOT)) {
            case "h2":
                return H2;
            case "postgresql":
                return POSTGRESQL;
            default:
                throw new SQLException("the store runs on PostgreSQL or H2, not on " + product);
        }
    }
}
