package dev.ballast.service;

import java.util.Locale;

/** What made a job run: for the log line and the {@code ballast_trigger_firings_total} metric. */
public enum FiredBy {
    /** Its cron schedule, on time. */
    SCHEDULE,
    /** Its cron schedule, at the service's start, for a fire missed while the service was down. */
    MISSED_SCHEDULE,
    /** The overload watch: a host stayed over a limit for the hold time. */
    OVERLOAD,
    /** A host put into (or left in) maintenance: the evacuation plan. */
    MAINTENANCE,
    /** An operator asked for it ({@code POST /api/v1/jobs/{name}/run}). */
    RUN_NOW,
    /** A plan of the job no longer held when it was about to run: a fresh one replaces it. */
    REPLAN;

    /** As the metric's label spells it: {@code missed-schedule}. */
    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
