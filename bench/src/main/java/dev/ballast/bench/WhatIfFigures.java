package dev.ballast.bench;

import java.util.Map;

/**
 * The what-if suite's figures of one case: what the scenario's answers said and what it took
 * to give them. The time and heap are the case's own columns ({@code wallSeconds},
 * {@code peakHeapMiB}).
 *
 * @param verdict          {@code ok} when every case of the scenario was ok, else {@code not-ok}
 * @param hostsFailed      hosts whose loss was checked, over every {@code fail} case
 * @param notAbsorbable    of those, the hosts whose VMs cannot all restart elsewhere
 * @param absorbedByPlanner losses the greedy check could not absorb and the planner did, moving
 *                         other VMs to make room
 * @param absorbedMovingOthers losses the greedy check absorbed after moving other VMs out of the way
 * @param provenNotAbsorbable losses a necessary condition showed no plan can absorb, the planner not asked
 * @param plannerRuns      plans asked of the planner; the rest was decided greedily
 * @param fitMore          the {@code fitMore} count, or null without such a case
 * @param caseSeconds      the wall time of each case of the scenario, by its name
 */
public record WhatIfFigures(String verdict, int hostsFailed, int notAbsorbable, int absorbedByPlanner,
        int absorbedMovingOthers, int provenNotAbsorbable, int plannerRuns, Integer fitMore, Map<String, Double> caseSeconds) {
}
