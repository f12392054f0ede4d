package dev.ballast.hosts;

/**
 * How one live migration is made. Timing policy (time limits, when to switch to post-copy) is
 * the caller's; these are what the hypervisor is told.
 *
 * @param bandwidthMiBps      cap on the migration stream in MiB/s; null for no cap
 * @param parallelConnections streams per migration; above 1, QEMU's multifd is used
 * @param maxDowntimeMs       the longest the guest may be paused for the final copy; null for QEMU's default (300 ms)
 * @param autoConverge        let QEMU throttle a guest that dirties memory faster than it can be copied
 * @param postCopy            allow a switch to post-copy ({@link HostDriver#startPostCopy}) while it runs
 * @param migrationUri        where the destination receives the stream, e.g. {@code tcp://198.18.0.2}
 *                            (see {@link #linkUri}); null for the hypervisor's default address
 */
public record MigrationParameters(
        Long bandwidthMiBps,
        int parallelConnections,
        Long maxDowntimeMs,
        boolean autoConverge,
        boolean postCopy,
        String migrationUri) {

    public MigrationParameters {
        if (parallelConnections < 1) {
            throw new IllegalArgumentException("parallel connections must be at least 1");
        }
    }

    /** Live, one stream, the hypervisor's defaults for everything else. */
    public static MigrationParameters defaults() {
        return new MigrationParameters(null, 1, null, false, false, null);
    }

    /** The URI of a migration link's address ({@code tcp://ADDRESS}, an IPv6 address in brackets); null for null. */
    public static String linkUri(String address) {
        if (address == null) {
            return null;
        }
        return "tcp://" + (address.contains(":") ? "[" + address + "]" : address);
    }

    public MigrationParameters withMigrationUri(String uri) {
        return new MigrationParameters(bandwidthMiBps, parallelConnections, maxDowntimeMs, autoConverge, postCopy, uri);
    }
}
