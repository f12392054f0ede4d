package dev.ballast.model;

import java.time.Duration;
import java.util.Objects;

/**
 * What a plan may do with hosts' power, whatever the goal: the room kept on for load that
 * returns, how many hosts one plan may switch off, and how long a host switched on stays on.
 *
 * @param reserve             the room the hosts left on keep free; {@link Reserve#NONE} for none
 * @param maxPowerOffsPerRun  the most hosts one plan switches off; null for no cap
 * @param powerCooldown       a host switched on less than this long ago is not switched off;
 *                            zero for none. Needs the snapshot's {@code poweredOnAt} of the host
 */
public record PowerLimits(Reserve reserve, Integer maxPowerOffsPerRun, Duration powerCooldown) {

    /** No reserve, no cap, no cooldown: as before the settings existed. */
    public static final PowerLimits NONE = new PowerLimits(Reserve.NONE, null, Duration.ZERO);

    public PowerLimits {
        Objects.requireNonNull(reserve, "reserve");
        Objects.requireNonNull(powerCooldown, "powerCooldown");
    }

    public PowerLimits withReserve(Reserve newReserve) {
        return new PowerLimits(newReserve, maxPowerOffsPerRun, powerCooldown);
    }

    public PowerLimits withMaxPowerOffsPerRun(Integer max) {
        return new PowerLimits(reserve, max, powerCooldown);
    }

    public PowerLimits withPowerCooldown(Duration cooldown) {
        return new PowerLimits(reserve, maxPowerOffsPerRun, cooldown);
    }

    /**
     * The room the hosts that are on keep free, within the policy's limits, so that load that
     * returns (or a host that fails) finds room before a host can be woken: either the room of
     * {@code hosts} whole hosts (the largest of those on), as oVirt keeps hosts in reserve, or a
     * {@code capacity} share of the capacity of the hosts on, as VMware DPM keeps HA capacity.
     * At most one of the two is above zero.
     */
    public record Reserve(int hosts, double capacity) {

        public static final Reserve NONE = new Reserve(0, 0);

        public Reserve {
            if (hosts < 0 || capacity < 0 || capacity > 1 || hosts > 0 && capacity > 0) {
                throw new IllegalArgumentException("a reserve of hosts or of capacity, not both: " + hosts + ", "
                        + capacity);
            }
        }

        public static Reserve hosts(int hosts) {
            return new Reserve(hosts, 0);
        }

        public static Reserve capacity(double share) {
            return new Reserve(0, share);
        }

        public boolean isNone() {
            return hosts == 0 && capacity == 0;
        }

        /** As the policy file spells it: {@code {hosts: 1}}, {@code {capacity: 0.2}}. */
        public String describe() {
            return hosts > 0 ? "{hosts: " + hosts + "}" : "{capacity: " + capacity + "}";
        }
    }
}
