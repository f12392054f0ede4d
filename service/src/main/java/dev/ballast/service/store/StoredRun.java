package dev.ballast.service.store;

import java.time.Instant;

/**
 * One run of a plan as stored: when it started and ended, its outcome ({@code completed},
 * {@code stopped}..., {@code error} when it could not go on) and the executor's run report as
 * JSON, which holds every step's measured times.
 *
 * @param finishedAt null while it runs
 * @param outcome    null while it runs
 * @param reportJson null while it runs, and for a run that ended in an error before its report
 */
public record StoredRun(long id, Instant startedAt, Instant finishedAt, String outcome, String reportJson) {
}
