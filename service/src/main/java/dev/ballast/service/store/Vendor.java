package dev.ballast.service.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * The databases the store runs on, told apart by what their JDBC driver calls them. Each has its
 * own scripts for the tables whose types differ ({@code db/vendor/h2}, {@code db/vendor/postgresql}).
 */
public enum Vendor {
    H2("h2"),
    POSTGRESQL("postgresql");

    private final String folder;

    Vendor(String folder) {
        this.folder = folder;
    }

    /** Where Flyway finds this database's own scripts. */
    String migrations() {
        return "classpath:db/vendor/" + folder;
    }

    /**
     * The database behind {@code db}.
     *
     * @throws SQLException also when it is neither H2 nor PostgreSQL: the store has no scripts for it
     */
    public static Vendor of(DataSource db) throws SQLException {
        try (Connection c = db.getConnection()) {
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
}
