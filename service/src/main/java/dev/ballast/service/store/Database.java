package dev.ballast.service.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.ballast.model.ServiceConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The service's database: a connection pool whose schema Flyway has brought up to date
 * ({@code db/migration}, and {@code store/migration/V10__quartz_job_store} for the tables of
 * Quartz's job store, made from the script in Quartz's jar for the database). The embedded default is an H2 file in the
 * data directory; a JDBC URL of PostgreSQL runs the same schema, so that two services can share
 * one store.
 */
public final class Database implements AutoCloseable {

    private final HikariDataSource pool;
    private final Vendor vendor;
    private final String where;

    private Database(HikariDataSource pool, Vendor vendor, String where) {
        this.pool = pool;
        this.vendor = vendor;
        this.where = where;
    }

    /**
     * The store a Service file names: the database of its {@code store} section, its password
     * read from {@code passwordFile}; without one, the embedded file in {@code dataDir}.
     *
     * @param store null for the embedded file
     * @throws StoreSettingsException when the password file cannot be read or is empty
     * @throws StoreException         when the database cannot be reached, refuses the login, or
     *                                cannot be migrated
     */
    public static Database of(ServiceConfig.Store store, Path dataDir) throws StoreSettingsException {
        if (store == null) {
            return embedded(dataDir);
        }
        return open(store.url(), store.user(), store.passwordFile() == null ? null : password(store.passwordFile()));
    }

    /** The password in a file, surrounding whitespace (the final newline) ignored. */
    private static String password(Path file) throws StoreSettingsException {
        String password;
        try {
            password = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new StoreSettingsException("store.passwordFile: " + file + ": the password file cannot be read: "
                    + why(e), e);
        }
        if (password.isEmpty()) {
            throw new StoreSettingsException("store.passwordFile: " + file + ": the password file is empty;"
                    + " write the database user's password in it", null);
        }
        return password;
    }

    private static String why(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied (the service's user must be able to read it)";
        }
        return e.getMessage();
    }

    /** The embedded store: {@code ballast.mv.db} in {@code dataDir}, created when missing. */
    public static Database embedded(Path dataDir) {
        // AUTO_SERVER off: one service owns its file; a second one on the same file fails to open it.
        String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("ballast") + ";DB_CLOSE_ON_EXIT=FALSE";
        return open(url, "sa", "");
    }

    /**
     * A database at {@code url}, migrated to the current schema before it is handed out.
     *
     * @param password null for none; it goes to the driver only, never into a message
     */
    public static Database open(String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setPoolName("ballast-store");
        // The service makes a handful of queries a second at most; two cores, a small pool.
        config.setMaximumPoolSize(4);
        // A store that went away is told within seconds, not Hikari's 30 s: the run lease, renewed
        // every few seconds, must find out before it lapses.
        config.setConnectionTimeout(3000);
        String where = url + " as " + user;
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            // Unreachable, the login refused: the pool's message carries the driver's, never the password.
            throw new StoreException("opening the store at " + where, e);
        }
        try {
            Vendor vendor = Vendor.of(pool);
            Flyway.configure().dataSource(pool).locations("classpath:db/migration",
                    "classpath:dev/ballast/service/store/migration")
                    .load().migrate();
            return new Database(pool, vendor, where);
        } catch (SQLException | RuntimeException e) {
            pool.close();
            throw new StoreException("migrating the store at " + where, e);
        }
    }

    public DataSource dataSource() {
        return pool;
    }

    /** The database the store is in. */
    public Vendor vendor() {
        return vendor;
    }

    /** Where the store is: its URL and user, never its password. */
    @Override
    public String toString() {
        return where;
    }

    @Override
    public void close() {
        pool.close();
    }
}
