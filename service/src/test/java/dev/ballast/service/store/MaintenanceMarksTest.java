package dev.ballast.service.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.service.MutableClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hosts in maintenance as the store keeps them, on each database it runs on
 * ({@link MaintenanceMarksOnH2Test}, {@link MaintenanceMarksOnPostgresTest}).
 */
abstract class MaintenanceMarksTest {

    private static final Instant T0 = Instant.parse("2026-11-24T22:00:00Z");

    @TempDir
    Path dataDir;
    private TestStores.TestStore where;
    private Database database;
    private MaintenanceMarks marks;
    private final MutableClock clock = new MutableClock(T0);

    /** The database the tests run on. */
    abstract TestStores kind();

    @BeforeEach
    void open() {
        where = kind().fresh(dataDir);
        database = where.open();
        marks = new MaintenanceMarks(database.dataSource(), clock);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aHostIsMarkedOnceAndUnmarkedOnce() {
        assertThat(marks.enter("host-02")).isTrue();
        assertThat(marks.enter("host-02")).as("already marked").isFalse();
        assertThat(marks.exit("host-02")).isTrue();
        assertThat(marks.exit("host-02")).as("no longer marked").isFalse();
        assertThat(marks.hosts()).isEmpty();
    }

    @Test
    void theMarksOutliveThePoolAndAreSeenByAnotherPoolOnTheSameStore() {
        marks.enter("host-10");
        marks.enter("host-02");

        try (Database other = where.open()) {
            MaintenanceMarks elsewhere = new MaintenanceMarks(other.dataSource(), clock);
            assertThat(elsewhere.hosts()).containsExactly("host-02", "host-10");
            elsewhere.exit("host-10");
        }
        database.close();
        database = where.open();

        assertThat(new MaintenanceMarks(database.dataSource(), clock).hosts()).containsExactly("host-02");
    }

    @Test
    void keepsWhenTheHostEnteredMaintenanceAsAnInstant() throws SQLException {
        marks.enter("host-01");

        try (Connection c = database.dataSource().getConnection();
                PreparedStatement s = c.prepareStatement("SELECT since FROM maintenance WHERE host = ?")) {
            s.setString(1, "host-01");
            try (ResultSet r = s.executeQuery()) {
                assertThat(r.next()).isTrue();
                assertThat(r.getObject(1, OffsetDateTime.class).toInstant()).isEqualTo(T0);
            }
        }
    }
}
