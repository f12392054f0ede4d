package dev.ballast.model;

/**
 * The dedicated link a host receives live migrations on, so that migration traffic does not
 * take the management network.
 */
public record MigrationLink(String address, long mbps) {

    /** The speed assumed when the snapshot names none: a 100 Gb/s SmartNIC link. */
    public static final long DEFAULT_MBPS = 100_000;
}
