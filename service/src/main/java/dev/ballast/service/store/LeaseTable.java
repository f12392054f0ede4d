package dev.ballast.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The run lease's row in the store (table {@code run_lease}): who holds it, until when, and its
 * fencing token. Every change is one conditional {@code UPDATE}, which the database runs for one
 * service at a time: of two services taking a lapsed lease at once, one gets it.
 */
public final class LeaseTable {

    private static final String NAME = "runs";

    /** The lease as the store has it; {@code holder} null before anyone took it. */
    public record Row(String holder, long token, Instant expires) {
    }

    private final DataSource db;

    public LeaseTable(DataSource db) {
        this.db = db;
    }

    /**
     * Extends the lease {@code holder} holds with {@code token} to {@code now + duration}; false
     * when it no longer holds it (another took it over, or it lapsed).
     */
    public boolean renew(String holder, long token, Instant now, Duration duration) {
        String sql = "UPDATE run_lease SET expires_at = ?, renewed_at = ? WHERE name = ? AND holder = ? AND token = ?"
                + " AND expires_at > ?";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, timestamp(now.plus(duration)));
            s.setObject(2, timestamp(now));
            s.setString(3, NAME);
            s.setString(4, holder);
            s.setLong(5, token);
            s.setObject(6, timestamp(now));
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("renewing the run lease", e);
        }
    }

    /**
     * Takes the lease for {@code holder} if it has lapsed, its token one more than the last; the
     * new token, or empty when another holds it.
     */
    public Optional<Long> takeOver(String holder, Instant now, Duration duration) {
        String sql = "UPDATE run_lease SET holder = ?, token = token + 1, expires_at = ?, renewed_at = ?"
                + " WHERE name = ? AND expires_at <= ?";
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try {
                Optional<Long> token = Optional.empty();
                try (PreparedStatement s = c.prepareStatement(sql)) {
                    s.setString(1, holder);
                    s.setObject(2, timestamp(now.plus(duration)));
                    s.setObject(3, timestamp(now));
                    s.setString(4, NAME);
                    s.setObject(5, timestamp(now));
                    if (s.executeUpdate() == 1) {
                        // The row stays locked until the commit: the token read is the one just set.
                        token = Optional.of(read(c).token());
                    }
                }
                c.commit();
                return token;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("taking the run lease", e);
        }
    }

    /** Lets the lease lapse at once (a service stopping cleanly), so that another takes it without waiting. */
    public void release(String holder, long token, Instant now) {
        String sql = "UPDATE run_lease SET expires_at = ? WHERE name = ? AND holder = ? AND token = ?";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, timestamp(now));
            s.setString(2, NAME);
            s.setString(3, holder);
            s.setLong(4, token);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("releasing the run lease", e);
        }
    }

    /** The lease as it is in the store. */
    public Row read() {
        try (Connection c = db.getConnection()) {
            return read(c);
        } catch (SQLException e) {
            throw new StoreException("reading the run lease", e);
        }
    }

    private static Row read(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT holder, token, expires_at FROM run_lease WHERE name = ?")) {
            s.setString(1, NAME);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    throw new SQLException("the store has no run lease row: its migration V13 did not run");
                }
                return new Row(r.getString(1), r.getLong(2), r.getObject(3, OffsetDateTime.class).toInstant());
            }
        }
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }
}
