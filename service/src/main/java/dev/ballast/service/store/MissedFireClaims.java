package dev.ballast.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import javax.sql.DataSource;

/**
 * Who fires a schedule's missed fire at start (table {@code missed_fire_claims}): one row per job
 * and missed due time, whose primary key lets one insert go in. Of the services sharing a store
 * that start at once and find the same fire missed, only the one whose claim went in fires it.
 */
public final class MissedFireClaims {

    /** SQL's unique violation, as both H2 and PostgreSQL report a duplicate key. */
    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource db;

    public MissedFireClaims(DataSource db) {
        this.db = db;
    }

    /**
     * Claims the catch-up fire of {@code job}'s fire due at {@code due} for {@code service}; false
     * when another service (or this one, before a restart) claimed it already.
     */
    public boolean claim(String job, Instant due, String service, Instant now) {
        String sql = "INSERT INTO missed_fire_claims (job, due_at, claimed_by, claimed_at) VALUES (?, ?, ?, ?)";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, job);
            s.setObject(2, timestamp(due));
            s.setString(3, service);
            s.setObject(4, timestamp(now));
            s.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw new StoreException("claiming the missed fire of job " + job + " due at " + due, e);
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
