package dev.ballast.service.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The service's database: a connection pool whose schema Flyway has brought up to date
 * ({@code db/migration}, and {@code db/vendor/h2} or {@code db/vendor/postgresql} for the tables of
 * Quartz's job store, whose types differ by database). The embedded default is an H2 file in the data directory; a JDBC URL
 * of PostgreSQL runs the same schema, so that two services can share one store.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;

    private Database(HikariDataSource pool) {
        this.pool = pool;
    }

    /** The embedded store: {@code ballast.mv.db} in {@code dataDir}, created when missing. */
    public static Database embedded(Path dataDir) {
        // AUTO_SERVER off: one service owns its file; a second one on the same file fails to open it.
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("ballast") + ";DB_CLOSE_ON_EXIT=FALSE";
        return open(url, "sa", "");
    }

    /** A database at {@code url}, migrated to the current schema before it is handed out. */
    public static Database open(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("ballast-store");
        // The service makes a handful of queries a second at most; two cores, a small pool.
        config.setMaximumPoolSize(4);
        HikariDataSource pool = new HikariDataSource(config);
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/migration", "classpath:db/vendor/" + vendor(pool))
                    .load().migrate();
        } catch (RuntimeException | SQLException e) {
            pool.close();
            throw e instanceof SQLException sql ? new StoreException("opening the store at " + url, sql)
                    : (RuntimeException) e;
        }
        return new Database(pool);
    }

    /** The folder of scripts written for this database: {@code h2} or {@code postgresql}. */
    private static String vendor(DataSource pool) throws SQLException {
        try (Connection c = pool.getConnection()) {
            String product = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
            return product.contains("postgres") ? "postgresql" : "h2";
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
