package dev.ballast.bench;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The figures of one benchmark case, a row of {@code results.md} and an element of
 * {@code results.json}. Null means "does not apply" (no best known result, no balance figures)
 * or "not reached" (no plan came back).
 *
 * @param hostsAfter          hosts holding at least one VM after the plan
 * @param lowerBound          {@link LowerBound}: no placement uses fewer hosts
 * @param powerAfterWatts     idle watts (cloudbalancing: cost) of the hosts kept on
 * @param ratioToBestKnown    powerAfterWatts over the best known total cost
 * @param ffdHosts            hosts used by {@code FirstFitDecreasing.place}, null when it failed
 * @param ratioToFfd          powerAfterWatts over first-fit decreasing's
 * @param ffdSeconds          how long first-fit decreasing took on its own
 * @param cpuGapBeforePoints  hottest host's CPU minus the mean, in percentage points, before
 * @param cpuGapFloorPoints   the least CPU gap any placement can have ({@link Imbalance#cpuGapFloorPoints})
 * @param vmsOnOverloadedHosts VMs now on hosts over a limit or over the mean plus the tolerance
 * @param overload            hosts over a limit and CPU spread before and after, and the greedy
 *                            relief's figures; null unless the case is an overload case
 * @param vmsOnEmptiedHosts   VMs running now on the hosts the plan leaves empty ({@link EmptiedHosts})
 * @param inTime              the plan came back within the time limit (give or take a second)
 * @param error               why no valid plan came back, or null
 * @param whatIf              what a what-if case's answers said and took ({@link WhatIfRun}); null
 *                            for a case that plans
 */
public record CaseResult(
        String suite,
        String caseName,
        String goal,
        String policy,
        int hosts,
        int vms,
        double timeLimitSeconds,
        boolean valid,
        boolean inTime,
        String error,
        int hostsBefore,
        Integer hostsAfter,
        int lowerBound,
        Double powerAfterWatts,
        Double bestKnown,
        Double ratioToBestKnown,
        Integer migrations,
        Integer newVmsPlaced,
        Double gibMoved,
        Double timeToBestSeconds,
        Double scoreCalculationsPerSecond,
        double peakHeapMiB,
        double wallSeconds,
        Integer ffdHosts,
        Double ffdPowerWatts,
        Double ratioToFfd,
        double ffdSeconds,
        Double cpuGapBeforePoints,
        Double cpuGapAfterPoints,
        Double cpuGapFloorPoints,
        Integer vmsOnOverloadedHosts,
        OverloadFigures overload,
        Integer vmsOnEmptiedHosts,
        WhatIfFigures whatIf) {

    /** The figures of a case that plans. */
    public CaseResult(String suite, String caseName, String goal, String policy, int hosts, int vms,
            double timeLimitSeconds, boolean valid, boolean inTime, String error, int hostsBefore, Integer hostsAfter,
            int lowerBound, Double powerAfterWatts, Double bestKnown, Double ratioToBestKnown, Integer migrations,
            Integer newVmsPlaced, Double gibMoved, Double timeToBestSeconds, Double scoreCalculationsPerSecond,
            double peakHeapMiB, double wallSeconds, Integer ffdHosts, Double ffdPowerWatts, Double ratioToFfd,
            double ffdSeconds, Double cpuGapBeforePoints, Double cpuGapAfterPoints, Double cpuGapFloorPoints,
            Integer vmsOnOverloadedHosts, OverloadFigures overload, Integer vmsOnEmptiedHosts) {
        this(suite, caseName, goal, policy, hosts, vms, timeLimitSeconds, valid, inTime, error, hostsBefore, hostsAfter,
                lowerBound, powerAfterWatts, bestKnown, ratioToBestKnown, migrations, newVmsPlaced, gibMoved,
                timeToBestSeconds, scoreCalculationsPerSecond, peakHeapMiB, wallSeconds, ffdHosts, ffdPowerWatts,
                ratioToFfd, ffdSeconds, cpuGapBeforePoints, cpuGapAfterPoints, cpuGapFloorPoints, vmsOnOverloadedHosts,
                overload, vmsOnEmptiedHosts, null);
    }

    /** Hosts after over the lower bound, e.g. 1.03 for 3% above it; null without a plan. */
    @JsonProperty("ratioToLowerBound")
    public Double ratioToLowerBound() {
        return hostsAfter == null || lowerBound == 0 ? null : hostsAfter / (double) lowerBound;
    }

    /** Migrations over the VMs on the hosts emptied, e.g. 1.05 when 5% more moved; null when none sat there. */
    @JsonProperty("migrationsPerVmOnEmptiedHosts")
    public Double migrationsPerVmOnEmptiedHosts() {
        return migrations == null || vmsOnEmptiedHosts == null || vmsOnEmptiedHosts == 0 ? null
                : migrations / (double) vmsOnEmptiedHosts;
    }
}
