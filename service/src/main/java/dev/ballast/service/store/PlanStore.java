package dev.ballast.service.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The plans the service's jobs make, their runs and the runs' events, in a JDBC database. Every
 * change of state goes through {@link #move}, which allows only what {@link PlanState} allows and
 * makes the change with a compare-and-set on the state, so that two services sharing a database
 * (or an operator and a job racing) cannot both move the same plan.
 */
public final class PlanStore {

    private static final String COLUMNS = "id, job, policy, state, created_at, updated_at, reason, steps, migrations,"
            + " figures_json, plan_json, snapshot_json, cancel_requested";

    private final DataSource db;
    private final Clock clock;

    public PlanStore(DataSource db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The hosts the service's plans switched off and on, in the same store. */
    public PowerSwitches powerSwitches() {
        return new PowerSwitches(db);
    }

    /** The cluster's load at each snapshot the service took, in the same store. */
    public LoadHistory loadHistory() {
        return new LoadHistory(db);
    }

    /** The clock that dates the plans and their changes. */
    /** The plans' journals, in the same store. */
    public Journals journals() {
        return new Journals(db);
    }

    public Clock clock() {
        return clock;
    }

    /** A plan to keep: what a job made, not yet stored. */
    public record NewPlan(String job, String policy, int steps, int migrations, String figuresJson, String planJson,
            String snapshotJson, String reason) {
    }

    /** Keeps a fresh plan as {@code recommended}. */
    public StoredPlan add(NewPlan plan) {
        Instant now = now();
        String sql = "INSERT INTO plans (job, policy, state, created_at, updated_at, reason, steps, migrations,"
                + " figures_json, plan_json, snapshot_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, plan.job());
            s.setString(2, plan.policy());
            s.setString(3, PlanState.RECOMMENDED.key());
            s.setObject(4, timestamp(now));
            s.setObject(5, timestamp(now));
            s.setString(6, plan.reason());
            s.setInt(7, plan.steps());
            s.setInt(8, plan.migrations());
            s.setString(9, plan.figuresJson());
            s.setString(10, plan.planJson());
            s.setString(11, plan.snapshotJson());
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                long id = keys.getLong(1);
                return new StoredPlan(id, plan.job(), plan.policy(), PlanState.RECOMMENDED, now, now, plan.reason(),
                        plan.steps(), plan.migrations(), plan.figuresJson(), plan.planJson(), plan.snapshotJson(), null);
            }
        } catch (SQLException e) {
            throw new StoreException("adding a plan of job " + plan.job(), e);
        }
    }

    public Optional<StoredPlan> find(long id) {
        List<StoredPlan> found = query("SELECT " + COLUMNS + " FROM plans WHERE id = ?", "reading plan " + id, id);
        return found.stream().findFirst();
    }

    /** Every plan, oldest first; only those in {@code state} when it is given. */
    public List<StoredPlan> list(Optional<PlanState> state) {
        return state.isPresent()
                ? query("SELECT " + COLUMNS + " FROM plans WHERE state = ? ORDER BY id", "listing plans",
                        state.get().key())
                : query("SELECT " + COLUMNS + " FROM plans ORDER BY id", "listing plans");
    }

    /** The plans of one job in one state, oldest first. */
    public List<StoredPlan> ofJob(String job, PlanState state) {
        return query("SELECT " + COLUMNS + " FROM plans WHERE job = ? AND state = ? ORDER BY id",
                "listing the plans of job " + job, job, state.key());
    }

    /**
     * Moves a plan to {@code to}, saying why; empty when there is no such plan.
     *
     * @throws WrongState when its state does not allow it, now or because another move came first
     */
    public Optional<StoredPlan> move(long id, PlanState to, String reason) throws WrongState {
        Optional<StoredPlan> current = find(id);
        if (current.isEmpty()) {
            return Optional.empty();
        }
        PlanState from = current.get().state();
        if (!from.mayBecome(to)) {
            throw new WrongState(id, from, to);
        }
        String sql = "UPDATE plans SET state = ?, updated_at = ?, reason = ? WHERE id = ? AND state = ?";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, to.key());
            s.setObject(2, timestamp(now()));
            s.setString(3, reason);
            s.setLong(4, id);
            s.setString(5, from.key());
            if (s.executeUpdate() == 0) {
                // Another move came between the read and the write: judge again from where it is now.
                return move(id, to, reason);
            }
        } catch (SQLException e) {
            throw new StoreException("moving plan " + id + " to " + to.key(), e);
        }
        return find(id);
    }

    /**
     * Asks a running plan to stop before its next step, saying why; false when the plan is not
     * running (any more). The run reads the request between steps ({@link #cancelRequest}).
     */
    public boolean requestCancel(long id, String reason) {
        String sql = "UPDATE plans SET cancel_requested = ?, updated_at = ? WHERE id = ? AND state = ?";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, reason);
            s.setObject(2, timestamp(now()));
            s.setLong(3, id);
            s.setString(4, PlanState.RUNNING.key());
            return s.executeUpdate() == 1;
        } catch (SQLException e) {
            throw new StoreException("asking plan " + id + " to stop", e);
        }
    }

    /** Why an operator asked the plan to stop, when one did. */
    public Optional<String> cancelRequest(long id) {
        return find(id).map(StoredPlan::cancelRequested);
    }

    /** Starts a run of a plan; returns the run's id. */
    public long startRun(long planId) {
        String sql = "INSERT INTO runs (plan_id, started_at) VALUES (?, ?)";
        try (Connection c = db.getConnection();
                PreparedStatement s = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            s.setLong(1, planId);
            s.setObject(2, timestamp(now()));
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        } catch (SQLException e) {
            throw new StoreException("starting a run of plan " + planId, e);
        }
    }

    /**
     * Ends the runs of a plan that never ended (the service died during them) with outcome
     * {@code interrupted}; how many there were.
     */
    public int endInterruptedRuns(long planId) {
        String sql = "UPDATE runs SET finished_at = ?, outcome = ? WHERE plan_id = ? AND finished_at IS NULL";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, timestamp(now()));
            s.setString(2, "interrupted");
            s.setLong(3, planId);
            return s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("ending the interrupted runs of plan " + planId, e);
        }
    }

    /** Keeps one event of a run. */
    public void addEvent(StoredEvent event) {
        String sql = "INSERT INTO run_events (run_id, at, kind, step, message) VALUES (?, ?, ?, ?, ?)";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, event.run());
            s.setObject(2, timestamp(event.at()));
            s.setString(3, event.kind());
            s.setObject(4, event.step());
            s.setString(5, event.message());
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("adding an event of run " + event.run(), e);
        }
    }

    /** Ends a run with its outcome ({@code completed}, {@code stopped}...) and its run report as JSON. */
    public void finishRun(long runId, String outcome, String reportJson) {
        String sql = "UPDATE runs SET finished_at = ?, outcome = ?, report_json = ? WHERE id = ?";
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setObject(1, timestamp(now()));
            s.setString(2, outcome);
            s.setString(3, reportJson);
            s.setLong(4, runId);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new StoreException("finishing run " + runId, e);
        }
    }

    /** The events of every run of a plan, in the order they happened. */
    public List<StoredEvent> events(long planId) {
        String sql = "SELECT e.run_id, e.at, e.kind, e.step, e.message FROM run_events e"
                + " JOIN runs r ON r.id = e.run_id WHERE r.plan_id = ? ORDER BY e.id";
        List<StoredEvent> events = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, planId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    events.add(new StoredEvent(r.getLong(1), instant(r, 2), r.getString(3),
                            (Integer) r.getObject(4, Integer.class), r.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading the events of plan " + planId, e);
        }
        return events;
    }

    /** The runs of a plan, oldest first. */
    public List<StoredRun> runs(long planId) {
        String sql = "SELECT id, started_at, finished_at, outcome, report_json FROM runs WHERE plan_id = ? ORDER BY id";
        List<StoredRun> runs = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, planId);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    OffsetDateTime finished = r.getObject(3, OffsetDateTime.class);
                    runs.add(new StoredRun(r.getLong(1), instant(r, 2), finished == null ? null : finished.toInstant(),
                            r.getString(4), r.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading the runs of plan " + planId, e);
        }
        return runs;
    }

    /** How many plans each job has in each state (for the metrics: a count, not the plans themselves). */
    public List<PlanCount> counts() {
        String sql = "SELECT job, state, COUNT(*) FROM plans GROUP BY job, state ORDER BY job, state";
        List<PlanCount> counts = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql);
                ResultSet r = s.executeQuery()) {
            while (r.next()) {
                counts.add(new PlanCount(r.getString(1), PlanState.ofKey(r.getString(2)).orElseThrow(), r.getLong(3)));
            }
        } catch (SQLException e) {
            throw new StoreException("counting plans", e);
        }
        return counts;
    }

    /** How many plans of {@code job} are in {@code state}. */
    public record PlanCount(String job, PlanState state, long plans) {
    }

    private List<StoredPlan> query(String sql, String doing, Object... parameters) {
        List<StoredPlan> plans = new ArrayList<>();
        try (Connection c = db.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    plans.add(new StoredPlan(r.getLong(1), r.getString(2), r.getString(3),
                            PlanState.ofKey(r.getString(4)).orElseThrow(), instant(r, 5), instant(r, 6), r.getString(7),
                            r.getInt(8), r.getInt(9), r.getString(10), r.getString(11), r.getString(12),
                            r.getString(13)));
                }
            }
        } catch (SQLException e) {
            throw new StoreException(doing, e);
        }
        return plans;
    }

    /**
     * The clock's time to the microsecond: H2 and PostgreSQL keep no finer and would round, so
     * that a plan read back would differ from the one {@link #add} returned.
     */
    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static OffsetDateTime timestamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet r, int column) throws SQLException {
        return r.getObject(column, OffsetDateTime.class).toInstant();
    }
}
