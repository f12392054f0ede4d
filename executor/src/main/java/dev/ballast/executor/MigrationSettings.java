package dev.ballast.executor;

import dev.ballast.hosts.MigrationParameters;
import java.time.Duration;
import java.util.Objects;

/**
 * How each live migration of a run is made.
 *
 * @param bandwidthMiBps      cap on the migration stream in MiB/s; null for libvirt's default (no cap)
 * @param parallelConnections streams per migration; 1 for one (QEMU's multifd is used above 1)
 * @param maxDowntimeMs       the longest the guest may be paused for the final copy; null for QEMU's default (300 ms)
 * @param autoConverge        let QEMU throttle a guest that dirties memory faster than it can be copied
 * @param postCopyAfter       switch to post-copy once a migration has run this long; null never
 * @param stepTimeout         a migration still running after this long is aborted; the VM stays on its source
 * @param pollInterval        how often the job statistics (or a host's power) are read while a step runs
 * @param powerTimeout        a host not off (or not answering) this long after being switched off (on) fails its step
 */
public record MigrationSettings(
        Long bandwidthMiBps,
        int parallelConnections,
        Long maxDowntimeMs,
        boolean autoConverge,
        Duration postCopyAfter,
        Duration stepTimeout,
        Duration pollInterval,
        Duration powerTimeout) {

    public static final Duration DEFAULT_STEP_TIMEOUT = Duration.ofMinutes(10);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(500);
    public static final Duration DEFAULT_POWER_TIMEOUT = Duration.ofMinutes(10);

    public MigrationSettings {
        Objects.requireNonNull(stepTimeout, "stepTimeout");
        Objects.requireNonNull(pollInterval, "pollInterval");
        Objects.requireNonNull(powerTimeout, "powerTimeout");
        if (parallelConnections < 1) {
            throw new IllegalArgumentException("parallel connections must be at least 1");
        }
    }

    /** Settings with the default power time limit. */
    public MigrationSettings(Long bandwidthMiBps, int parallelConnections, Long maxDowntimeMs, boolean autoConverge,
            Duration postCopyAfter, Duration stepTimeout, Duration pollInterval) {
        this(bandwidthMiBps, parallelConnections, maxDowntimeMs, autoConverge, postCopyAfter, stepTimeout,
                pollInterval, DEFAULT_POWER_TIMEOUT);
    }

    /** libvirt's defaults, a 10-minute limit per step. */
    public static MigrationSettings defaults() {
        return new MigrationSettings(null, 1, null, false, null, DEFAULT_STEP_TIMEOUT, DEFAULT_POLL_INTERVAL);
    }

    /** What the host is told for one migration, over the destination's link ({@code null}: libvirt's default address). */
    public MigrationParameters parameters(String migrationUri) {
        return new MigrationParameters(bandwidthMiBps, parallelConnections, maxDowntimeMs, autoConverge,
                postCopyAfter != null, migrationUri);
    }

    public MigrationSettings withStepTimeout(Duration timeout) {
        return new MigrationSettings(bandwidthMiBps, parallelConnections, maxDowntimeMs, autoConverge, postCopyAfter,
                timeout, pollInterval, powerTimeout);
    }

    public MigrationSettings withBandwidth(Long miBps) {
        return new MigrationSettings(miBps, parallelConnections, maxDowntimeMs, autoConverge, postCopyAfter,
                stepTimeout, pollInterval, powerTimeout);
    }

    public MigrationSettings withPowerTimeout(Duration timeout) {
        return new MigrationSettings(bandwidthMiBps, parallelConnections, maxDowntimeMs, autoConverge, postCopyAfter,
                stepTimeout, pollInterval, timeout);
    }
}
