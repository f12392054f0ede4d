package dev.ballast.simulator;

import dev.ballast.model.Power;
import dev.ballast.model.Resources;

/**
 * The hardware generations a simulated cluster is built from, with capacities and power draw
 * typical of two-socket servers.
 */
public enum HostFlavour {
    SMALL(32, 128, 10_000, new Power(120, 300)),
    MEDIUM(64, 256, 25_000, new Power(180, 450)),
    LARGE(96, 512, 25_000, new Power(250, 650));

    private final Resources capacity;
    private final Power power;

    HostFlavour(int cores, int memoryGiB, int networkMbps, Power power) {
        this.capacity = new Resources(cores, memoryGiB * 1024L, networkMbps);
        this.power = power;
    }

    public Resources capacity() {
        return capacity;
    }

    public Power power() {
        return power;
    }

    /** The next bigger flavour, or null for the biggest. */
    HostFlavour bigger() {
        return this == LARGE ? null : values()[ordinal() + 1];
    }

    /** The next smaller flavour, or null for the smallest. */
    HostFlavour smaller() {
        return this == SMALL ? null : values()[ordinal() - 1];
    }
}
