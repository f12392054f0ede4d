package dev.ballast.model;

import java.util.Locale;
import java.util.Objects;

/**
 * One part of a step's reason, machine-readable: what the step does to one host by a rule or a
 * figure it changes, e.g. {@code relieves host-017, cpu 0.919 -> 0.842, limit 0.85}. Only the
 * fields that {@link Kind} names are set; the others are null. Shares are fractions of the host's
 * capacity, in use just before and just after the step.
 *
 * @param host     the host the term is about
 * @param resource the resource whose share {@code before} and {@code after} give
 * @param limit    the policy's limit for {@code resource}
 * @param mean     the cluster's mean share of {@code resource} (all load over all active capacity)
 * @param state    the state of {@code host}, as the snapshot has it
 * @param vm       a VM the term names: one that waits for room, or one that starts
 * @param vms      VMs left on {@code host} after the step
 * @param watts    the host's idle watts; null when the snapshot gives no power figures for it
 * @param step     the number (from 1) of a later step the term points to: the power-off of an
 *                 emptied host, the step a VM moves into the room a detour frees
 */
public record Term(Kind kind, String host, Resource resource, Double before, Double after, Double limit,
        Double mean, HostState state, String vm, Integer vms, Double watts, Integer step) {

    /** What a step does, as a reason gives it; the fields each kind sets are listed with it. */
    public enum Kind {
        /** A VM leaves a host that must be emptied: {@code host}, {@code state}, {@code vms}. */
        EVACUATES("evacuates"),
        /** A VM leaves a host over a limit: {@code host}, {@code resource}, {@code before}, {@code after}, {@code limit}. */
        RELIEVES("relieves"),
        /** The last VM leaves a host: {@code host}; when the plan switches it off, {@code step} and {@code watts}. */
        EMPTIES("empties"),
        /** A VM leaves a host the plan empties later: {@code host}, {@code vms}. */
        DRAINS("drains"),
        /** A VM steps aside so that another may come: {@code host} (the room freed), {@code vm}, {@code step}. */
        DETOUR("detour"),
        /** A VM on a detour moves on to where it goes: {@code host} (its destination). */
        MOVES_ON("moves-on"),
        /** A move that frees room another VM comes into later: {@code host}, {@code vm}, {@code step}. */
        FREES_ROOM("frees-room"),
        /**
         * Load moves from a host above the mean to one below it, narrowing their gap: one term for
         * each, {@code host}, {@code resource}, {@code before}, {@code after}, {@code mean}.
         */
        EVENS("evens"),
        /** A new VM starts: {@code host}, {@code vm}. */
        STARTS("starts"),
        /** A host is switched off: {@code host}, {@code watts}. */
        POWERS_OFF("powers-off"),
        /** A host is switched on: {@code host}. */
        POWERS_ON("powers-on"),
        /**
         * None of the above: one step of the goal's target placement, with the goal's own measure
         * before and after it in {@code before}, {@code after} (in the goal's unit, lower is better;
         * null past the first few such steps of a large plan, as measuring takes a pass over the
         * cluster).
         */
        GOAL("goal");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** The name used in plan files, e.g. {@code frees-room}. */
        public String key() {
            return key;
        }
    }

    public Term {
        Objects.requireNonNull(kind, "kind");
    }

    public static Term evacuates(String host, HostState state, int vmsLeft) {
        return new Term(Kind.EVACUATES, host, null, null, null, null, null, state, null, vmsLeft, null, null);
    }

    public static Term relieves(String host, Resource resource, double before, double after, double limit) {
        return new Term(Kind.RELIEVES, host, resource, before, after, limit, null, null, null, null, null, null);
    }

    /** @param watts null without power figures or a power-off; @param offAt the step switching it off, or null */
    public static Term empties(String host, Double watts, Integer offAt) {
        return new Term(Kind.EMPTIES, host, null, null, null, null, null, null, null, null, watts, offAt);
    }

    public static Term drains(String host, int vmsLeft) {
        return new Term(Kind.DRAINS, host, null, null, null, null, null, null, null, vmsLeft, null, null);
    }

    /** @param waitingVm the VM that comes into the room, or null when none does; @param arrivesAt its step, or null */
    public static Term detour(String host, String waitingVm, Integer arrivesAt) {
        return new Term(Kind.DETOUR, host, null, null, null, null, null, null, waitingVm, null, null, arrivesAt);
    }

    public static Term movesOn(String host) {
        return new Term(Kind.MOVES_ON, host, null, null, null, null, null, null, null, null, null, null);
    }

    public static Term freesRoom(String host, String waitingVm, int arrivesAt) {
        return new Term(Kind.FREES_ROOM, host, null, null, null, null, null, null, waitingVm, null, null, arrivesAt);
    }

    public static Term evens(String host, Resource resource, double before, double after, double mean) {
        return new Term(Kind.EVENS, host, resource, before, after, null, mean, null, null, null, null, null);
    }

    public static Term starts(String host, String vm) {
        return new Term(Kind.STARTS, host, null, null, null, null, null, null, vm, null, null, null);
    }

    /** @param watts null without power figures */
    public static Term powersOff(String host, Double watts) {
        return new Term(Kind.POWERS_OFF, host, null, null, null, null, null, null, null, null, watts, null);
    }

    public static Term powersOn(String host) {
        return new Term(Kind.POWERS_ON, host, null, null, null, null, null, null, null, null, null, null);
    }

    /** @param before null, as {@code after}, when the planner did not measure it (a large plan's later steps) */
    public static Term goal(Double before, Double after) {
        return new Term(Kind.GOAL, null, null, before, after, null, null, null, null, null, null, null);
    }

    /**
     * The term in words, as a reason reads: {@code relieves host-017: cpu 91.9% -> 84.2% (limit
     * 85%)}. {@code continued} leaves out the verb, for a term that follows one of its kind:
     * {@code evens out: host-a cpu 71% -> 63%, host-b 20% -> 28% (mean 41%)}.
     */
    public String words(boolean continued) {
        return switch (kind) {
            case EVACUATES -> "leaves " + host + " in " + state.key() + " (" + left() + ")";
            case RELIEVES -> (continued ? "" : "relieves " + host + ": ") + change() + " (limit " + percent(limit) + ")";
            case EMPTIES -> "empties " + host + (step == null ? "" : " (" + (watts == null ? "" : watts(watts) + " ")
                    + "off after step " + step + ")");
            case DRAINS -> "drains " + host + " (" + left() + ")";
            case DETOUR -> "detour: frees room on " + host + (vm == null ? "" : " for " + vm);
            case MOVES_ON -> "moves on from its detour to " + host;
            case FREES_ROOM -> "frees room on " + host + " for " + vm;
            case EVENS -> (continued ? "" : "evens out: ") + host + " " + change()
                    + (continued ? " (mean " + percent(mean) + ")" : "");
            case STARTS -> "starts " + vm + " on " + host;
            case POWERS_OFF -> "switches " + host + " off" + (watts == null ? "" : ": " + watts(watts));
            case POWERS_ON -> "switches " + host + " on";
            case GOAL -> before == null ? "toward the target placement"
                    : after < before
                    ? String.format(Locale.ROOT, "improves the goal's measure: %.4g -> %.4g", before, after)
                    : after > before
                    ? String.format(Locale.ROOT, "toward the target placement (the goal's measure %.4g -> %.4g)",
                            before, after)
                    : String.format(Locale.ROOT, "toward the target placement (the goal's measure stays %.4g)",
                            before);
        };
    }

    /** {@code cpu 91.9% -> 84.2%}: the resource's share before and after. */
    public String change() {
        return resource.key() + " " + percent(before) + " -> " + percent(after);
    }

    /**
     * A share as a percentage to one decimal, a whole one without it: {@code 91.9%}, {@code 85%}.
     * Without {@code String.format}, which took most of the time of a plan of 50,000 reasons.
     */
    public static String percent(double share) {
        long tenths = Math.round(1000 * share);
        long whole = Math.abs(tenths) / 10;
        long tenth = Math.abs(tenths) % 10;
        return (tenths < 0 ? "-" : "") + whole + (tenth == 0 ? "" : "." + tenth) + "%";
    }

    private String left() {
        return vms == 0 ? "none left" : vms == 1 ? "1 VM left" : vms + " VMs left";
    }

    private static String watts(double watts) {
        return Math.round(watts) + " W";
    }
}
