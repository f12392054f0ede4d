package dev.ballast.service.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The service's database: a connection pool whose schema Flyway has brought up to date
 * ({@code db/migration}). The embedded default is an H2 file in the data directory; a JDBC URL
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
            Flyway.configure().dataSource(pool).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool);
    }

    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void close() {
        pool.close();
    }
}
