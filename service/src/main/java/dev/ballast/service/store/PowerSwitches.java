package dev.ballast.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The hosts the service's plans switched off and on, in the store: when each host was last
 * switched on, and the spans hosts stayed off. Only what the service did is known: a host an
 * operator switched by hand has no record here.
 */
public final class PowerSwitches {

    private final DataSource db;

    PowerSwitches(DataSource db) {
        this.db = db;
    }

    /** One switch of a host's power as stored. */
    public record Switch(String host, boolean on, Instant at, double idleWatts) {
    }

    /** Records that a plan switched {@code host} on (or off) at {@code at}; it idles at {@code idleWatts}. */
    public void record(String host, boolean on, Instant at, double idleWatts) {
        String sql = "INSERT INTO power_switches (host, switched_on, at, idle_watts) VALUES (?, ?, ?, ?)";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, host);
            s.setBoolean(2, on);
            s.setObject(3, at.atOffset(ZoneOffset.UTC));
            s.setDouble(4, idleWatts);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("recording that host " + host + " was switched " + (on ? "on" : "off"), e);
        }
    }

    /** When each host was last switched on by a plan, by host. */
    public Map<String, Instant> lastSwitchedOn() {
        String sql = "SELECT host, MAX(at) FROM power_switches WHERE switched_on GROUP BY host";
        Map<String, Instant> last = new HashMap<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                last.put(r.getString(1), r.getObject(2, OffsetDateTime.class).toInstant());
            }
        } catch (SQLException e) {
            throw new StoreException("reading when hosts were switched on", e);
        }
        return last;
    }

    /** Every switch up to {@code until}, oldest first. */
    public List<Switch> until(Instant until) {
        String sql = "SELECT host, switched_on, at, idle_watts FROM power_switches WHERE at <= ? ORDER BY at, id";
        List<Switch> switches = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, until.atOffset(ZoneOffset.UTC));
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    switches.add(new Switch(r.getString(1), r.getBoolean(2),
                            r.getObject(3, OffsetDateTime.class).toInstant(), r.getDouble(4)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading the hosts switched off and on", e);
        }
        return switches;
    }
}
