package dev.ballast.service.store;

import dev.ballast.model.Resources;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The load of the cluster's VMs (CPU demand, memory, network demand, summed) at each snapshot
 * the service took, kept for {@link #KEPT}: what the wake job forecasts the coming hour's load
 * from.
 */
public final class LoadHistory {

    /** A week and a day: the same hour the day before is always there, and a week's pattern could be read. */
    public static final Duration KEPT = Duration.ofDays(8);

    private final DataSource db;

    LoadHistory(DataSource db) {
        this.db = db;
    }

    /** Keeps the load at {@code at}, and forgets what is older than {@link #KEPT}. */
    public void record(Instant at, Resources load) {
        try (Connection c = db.getConnection()) {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO cluster_load (at, cpu, memory_mib, network_mbps)"
                    + " SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM cluster_load WHERE at = ?)")) {
                s.setObject(1, at.atOffset(ZoneOffset.UTC));
                s.setDouble(2, load.cpu());
                s.setLong(3, load.memoryMiB());
                s.setDouble(4, load.networkMbps());
                s.setObject(5, at.atOffset(ZoneOffset.UTC));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("DELETE FROM cluster_load WHERE at < ?")) {
                s.setObject(1, at.minus(KEPT).atOffset(ZoneOffset.UTC));
                s.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreException("recording the cluster's load", e);
        }
    }

    /** The highest load of each resource recorded in [{@code from}, {@code to}), or empty when none was. */
    public Optional<Resources> peak(Instant from, Instant to) {
        String sql = "SELECT COUNT(*), MAX(cpu), MAX(memory_mib), MAX(network_mbps) FROM cluster_load"
                + " WHERE at >= ? AND at < ?";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, from.atOffset(ZoneOffset.UTC));
            s.setObject(2, to.atOffset(ZoneOffset.UTC));
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1) == 0 ? Optional.empty()
                        : Optional.of(new Resources(r.getDouble(2), r.getLong(3), r.getDouble(4)));
            }
        } catch (SQLException e) {
            throw new StoreException("reading the cluster's load", e);
        }
    }
}
