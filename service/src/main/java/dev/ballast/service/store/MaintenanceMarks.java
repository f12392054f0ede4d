package dev.ballast.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.sql.DataSource;

/**
 * The hosts an operator put into maintenance through the service, in the store: they outlive a
 * restart of the service, and every service on the same store sees the same ones.
 */
public final class MaintenanceMarks {

    private final DataSource db;
    private final Clock clock;

    public MaintenanceMarks(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Marks the host; false when it already was. */
    public boolean enter(String host) {
        // A primary key violation would say the same, but in words that differ by database.
        String sql = "INSERT INTO maintenance (host, since) SELECT ?, ? WHERE NOT EXISTS"
                + " (SELECT 1 FROM maintenance WHERE host = ?)";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, host);
            s.setObject(2, clock.instant().atOffset(ZoneOffset.UTC));
            s.setString(3, host);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("putting host " + host + " into maintenance", e);
        }
    }

    /** Unmarks the host; false when it was not marked. */
    public boolean exit(String host) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("DELETE FROM maintenance WHERE host = ?")) {
            s.setString(1, host);
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("taking host " + host + " out of maintenance", e);
        }
    }

    /** The marked hosts, by name. */
    public SortedSet<String> hosts() {
        SortedSet<String> hosts = new TreeSet<>();
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT host FROM maintenance");
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                hosts.add(r.getString(1));
            }
        } catch (SQLException e) {
            throw new StoreException("reading the hosts in maintenance", e);
        }
        return hosts;
    }
}
