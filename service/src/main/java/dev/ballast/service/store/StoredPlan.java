package dev.ballast.service.store;

import java.time.Instant;

/**
 * A plan as the store keeps it: which job made it with which policy, its state and why, and the
 * plan and the snapshot it was made from as the {@code ballast/v1} JSON the formats module writes.
 *
 * @param reason       why the plan is in its state, in words; null when nothing needs saying
 * @param figuresJson  the plan's summary (hosts used, watts, spread, unresolved breaches) as JSON
 * @param cancelRequested why an operator asked the plan to stop while it ran; null when none did
 */
public record StoredPlan(long id, String job, String policy, PlanState state, Instant createdAt, Instant updatedAt,
        String reason, int steps, int migrations, String figuresJson, String planJson, String snapshotJson,
        String cancelRequested) {
}
