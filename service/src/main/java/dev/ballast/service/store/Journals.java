package dev.ballast.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Each plan's journal, copied into the store (table {@code run_journals}) so that a service that
 * takes over a run started by another finds it, whichever machine it runs on. A copy is written
 * with the writer's lease token and never over one written with a newer token.
 */
public final class Journals {

    private final DataSource db;

    public Journals(DataSource db) {
        this.db = db;
    }

    /** Keeps {@code content} as the plan's journal; false when a service with a newer token wrote it. */
    public boolean save(long plan, long token, String content) {
        String update = "UPDATE run_journals SET content = ?, token = ? WHERE plan_id = ? AND token <= ?";
        String insert = "INSERT INTO run_journals (plan_id, token, content) SELECT ?, ?, ? WHERE NOT EXISTS"
                + " (SELECT 1 FROM run_journals WHERE plan_id = ?)";
        try (Connection c = db.getConnection()) {
            try (PreparedStatement s = c.prepareStatement(update)) {
                s.setString(1, content);
                s.setLong(2, token);
                s.setLong(3, plan);
                s.setLong(4, token);
                if (s.executeUpdate() == 1) {
                    return true;
                }
            }
            try (PreparedStatement s = c.prepareStatement(insert)) {
                s.setLong(1, plan);
                s.setLong(2, token);
                s.setString(3, content);
                s.setLong(4, plan);
                return s.executeUpdate() == 1;
            }
        } catch (SQLException e) {
            throw new StoreException("copying the journal of plan " + plan + " into the store", e);
        }
    }

    /** The plan's journal as last copied; empty when none was. */
    public Optional<String> find(long plan) {
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT content FROM run_journals WHERE plan_id = ?")) {
            s.setLong(1, plan);
            try (ResultSet r = s.executeQuery()) {
                return r.next() ? Optional.of(r.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new StoreException("reading the journal of plan " + plan + " from the store", e);
        }
    }
}
