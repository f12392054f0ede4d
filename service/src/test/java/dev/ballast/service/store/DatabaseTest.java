package dev.ballast.service.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store's schema as Flyway makes it, on each database the store runs on
 * ({@link DatabaseOnH2Test}, {@link DatabaseOnPostgresTest}): the common script and the
 * database's own script of Quartz's tables, applied once.
 */
abstract class DatabaseTest {

    /** The store's tables, and every table of Quartz 2.5.2's job store. */
    private static final List<String> TABLES = List.of("plans", "runs", "run_events", "maintenance", "power_switches",
            "cluster_load", "run_lease", "run_journals", "missed_fire_claims",
            "qrtz_blob_triggers",
            "qrtz_calendars", "qrtz_cron_triggers", "qrtz_fired_triggers", "qrtz_job_details", "qrtz_locks",
            "qrtz_paused_trigger_grps", "qrtz_scheduler_state", "qrtz_simple_triggers", "qrtz_simprop_triggers",
            "qrtz_triggers");

    /** The common scripts and the database's own (V10), in the order Flyway applies them. */
    private static final List<String> MIGRATIONS = List.of("1 plans runs events: ok", "10 quartz job store: ok",
            "11 maintenance and cancel requests: ok", "12 power switches and cluster load: ok",
            "13 run lease and journals: ok", "14 missed fire claims: ok");

    @TempDir
    Path dataDir;
    private TestStores.TestStore store;

    /** The database the tests run on. */
    abstract TestStores kind();

    /** What {@link Vendor#of} must make of it. */
    abstract Vendor vendor();

    @BeforeEach
    void freshStore() {
        store = kind().fresh(dataDir);
    }

    @Test
    void anEmptyDatabaseGetsEveryTableOfTheStoreAndOfQuartz() throws SQLException {
        try (Database db = store.open()) {
            assertThat(tables(db)).containsAll(TABLES);
        }
    }

    @Test
    void everyMigrationIsAppliedInOrderOnceAndNotAgainWhenTheStoreIsOpenedAgain() throws SQLException {
        try (Database db = store.open()) {
            assertThat(migrations(db)).containsExactlyElementsOf(MIGRATIONS);
        }
        try (Database again = store.open()) {
            assertThat(migrations(again)).containsExactlyElementsOf(MIGRATIONS);
        }
    }

    @Test
    void knowsWhichDatabaseItIsIn() {
        try (Database db = store.open()) {
            assertThat(db.vendor()).isEqualTo(vendor());
        }
    }

    private static List<String> tables(Database db) throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection();
                ResultSet r = c.getMetaData().getTables(null, c.getSchema(), "%", new String[] {"TABLE"})) {
            while (r.next()) {
                // H2 keeps unquoted names in upper case, PostgreSQL in lower case.
                tables.add(r.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return tables;
    }

    /** The versioned migrations applied (H2 also has a row for the history table's own creation). */
    private static List<String> migrations(Database db) throws SQLException {
        List<String> applied = new ArrayList<>();
        try (Connection c = db.dataSource().getConnection(); Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT \"version\", \"description\", \"success\""
                        + " FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL"
                        + " ORDER BY \"installed_rank\"")) {
            while (r.next()) {
                applied.add(r.getString(1) + " " + r.getString(2).toLowerCase(Locale.ROOT) + ": "
                        + (r.getBoolean(3) ? "ok" : "failed"));
            }
        }
        return applied;
    }
}
