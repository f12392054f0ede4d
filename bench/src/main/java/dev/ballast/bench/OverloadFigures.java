package dev.ballast.bench;

/**
 * The overload suite's figures of one case: hosts over a limit, the spread of CPU utilisation,
 * and the greedy relief the plan is measured against ({@link GreedyReliefBaseline}).
 *
 * @param hostsOverBefore        active hosts over a limit of the policy now
 * @param hostsOverAfter         the same after the plan; null without a plan
 * @param cpuSpreadBeforePoints  the standard deviation of the active hosts' CPU utilisation, in points
 * @param cpuSpreadAfterPoints   the same after the plan; null without a plan
 * @param greedyMigrations       the migrations of the greedy relief
 * @param greedyGibMoved         the memory they move
 * @param greedyHostsOverAfter   hosts the greedy relief leaves over a limit
 */
public record OverloadFigures(int hostsOverBefore, Integer hostsOverAfter, double cpuSpreadBeforePoints,
        Double cpuSpreadAfterPoints, int greedyMigrations, double greedyGibMoved, int greedyHostsOverAfter) {
}
