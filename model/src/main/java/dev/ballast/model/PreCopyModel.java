package dev.ballast.model;

/**
 * The classic pre-copy model of a live migration (Clark et al., "Live Migration of Virtual
 * Machines", NSDI 2005; Akoush et al., "Predicting the Performance of Virtual Machine
 * Migration", MASCOTS 2010). The first round copies all memory; each further round copies what
 * the guest dirtied during the previous one; when what is left can be copied within the
 * downtime target, the guest pauses for that last copy.
 *
 * <p>With link bandwidth B and dirty rate r, round n lasts t0 (r/B)^n, so rounds shrink
 * geometrically while r &lt; B and never finish otherwise. Limits: zero pages, compression and
 * multifd are not modelled (estimates err long), and the dirty rate is taken as constant.
 */
public final class PreCopyModel {

    /** QEMU's default downtime limit. */
    public static final double DEFAULT_DOWNTIME_TARGET_MS = 300;
    /** Rounds after which a migration that still has too much to copy is deemed not converging. */
    public static final int DEFAULT_MAX_ROUNDS = 30;
    /** Share of the link's nominal speed a migration stream achieves (TCP and framing overhead). */
    public static final double DEFAULT_LINK_EFFICIENCY = 0.9;
    /**
     * Fixed cost of a migration: connecting, starting the destination QEMU, device state,
     * switchover. Measured on the testbed: 1.4-2.1 s of every step passed in libvirt's own
     * preparation and finish phases, outside the copying it reports as job time.
     */
    public static final double DEFAULT_SETUP_SECONDS = 1.75;
    /** Dirty rate assumed for a VM whose snapshot gives none. */
    public static final double DEFAULT_DIRTY_RATE_MIBPS = 20;

    private static final double MIB = 1024.0 * 1024.0;

    private final double downtimeTargetMs;
    private final int maxRounds;
    private final double linkEfficiency;
    private final double setupSeconds;

    public PreCopyModel(double downtimeTargetMs, int maxRounds, double linkEfficiency, double setupSeconds) {
        if (downtimeTargetMs <= 0 || maxRounds < 1 || linkEfficiency <= 0 || linkEfficiency > 1 || setupSeconds < 0) {
            throw new IllegalArgumentException("downtime target and rounds must be positive, efficiency in (0, 1]");
        }
        this.downtimeTargetMs = downtimeTargetMs;
        this.maxRounds = maxRounds;
        this.linkEfficiency = linkEfficiency;
        this.setupSeconds = setupSeconds;
    }

    public static PreCopyModel standard() {
        return new PreCopyModel(DEFAULT_DOWNTIME_TARGET_MS, DEFAULT_MAX_ROUNDS, DEFAULT_LINK_EFFICIENCY,
                DEFAULT_SETUP_SECONDS);
    }

    /** The bandwidth a migration stream gets on a link of this nominal speed, in MiB/s. */
    public double bandwidthMiBps(long linkMbps) {
        return linkMbps * 1e6 / 8 / MIB * linkEfficiency;
    }

    /** Estimates moving a VM of this memory and dirty rate (null: the default) over a link. */
    public MigrationEstimate estimate(long memoryMiB, Double dirtyRateMiBps, long linkMbps) {
        double bandwidth = bandwidthMiBps(linkMbps);
        double dirtyRate = dirtyRateMiBps == null ? DEFAULT_DIRTY_RATE_MIBPS : dirtyRateMiBps;
        double downtimeTarget = downtimeTargetMs / 1000;
        double toCopy = memoryMiB;
        double copying = 0;
        int rounds = 0;
        while (rounds < maxRounds) {
            double roundSeconds = toCopy / bandwidth;
            copying += roundSeconds;
            rounds++;
            // What the guest dirtied meanwhile is the next round; it can never exceed all memory.
            toCopy = Math.min(memoryMiB, dirtyRate * roundSeconds);
            if (toCopy / bandwidth <= downtimeTarget) {
                double downtime = toCopy / bandwidth;
                return new MigrationEstimate(setupSeconds + copying + downtime, downtime * 1000, rounds, true);
            }
        }
        double downtime = toCopy / bandwidth;
        return new MigrationEstimate(setupSeconds + copying + downtime, downtime * 1000, rounds, false);
    }
}
