package dev.ballast.service.lifecycle;

import dev.ballast.executor.PlanExecutor;
import dev.ballast.model.ServiceConfig;
import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.service.store.StoredPlan;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Stops a plan's run between steps once its job's window has closed: the window opened when the
 * job made the plan and closes at the next {@code until} ({@link Window}). A plan of a job
 * without window never stops for it. Remembers whether it stopped the run, so that the plan ends
 * {@code stopped} rather than {@code failed}.
 */
public final class WindowCheck implements PlanExecutor.Between {

    private final Instant closes;
    private final Clock clock;
    private volatile boolean closed;

    private WindowCheck(Instant closes, Clock clock) {
        this.closes = closes;
        this.clock = clock;
    }

    /** @param clock the time the run goes by (the executor's) */
    public static WindowCheck of(StoredPlan plan, ServiceConfig config, Clock clock) {
        Job job = config.job(plan.job());
        Instant closes = job == null || job.until() == null ? null
                : Window.closes(plan.createdAt(), job.until(), config.timeZone());
        return new WindowCheck(closes, clock);
    }

    @Override
    public Optional<String> stopBefore(int step) {
        if (closes == null || clock.instant().isBefore(closes)) {
            return Optional.empty();
        }
        closed = true;
        return Optional.of("the job's window closed at " + closes);
    }

    /** Whether it stopped the run. */
    public boolean closed() {
        return closed;
    }
}
