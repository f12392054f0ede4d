package dev.ballast.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Limits;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.scheduler.goals.balance.BalanceSettings;
import dev.ballast.scheduler.goals.consolidate.ConsolidateSettings;
import dev.ballast.model.Resource;
import dev.ballast.model.Utilisation;
import dev.ballast.rules.HardRules;
import dev.ballast.simulator.ClusterGenerator;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Plan quality on 200 mixed hosts (small, medium and large, each with its own idle power) and
 * 2,000 VMs under the solver's 30 s limit. This asserts what the plans achieve, not how fast:
 * speed is the benchmark harness's business.
 */
class QualityAtScaleTest {

    private static final Logger log = LoggerFactory.getLogger(QualityAtScaleTest.class);
    private static final Limits LIMITS = new Limits(0.85, 0.95, 0.8);
    private final Planner planner = new Planner(new SolverSettings(Duration.ofSeconds(30), Duration.ofSeconds(30), 1L));

    @Test
    void consolidationKeepsNoMorePowerOnThanFirstFitDecreasing() throws Exception {
        ClusterSnapshot snapshot = ClusterGenerator.mixed(200, 2_000, 42);
        Policy policy = new Policy("consolidate", LIMITS, null, ConsolidateSettings.DEFAULTS);

        MigrationPlan plan = planner.plan(snapshot, policy);
        Placement greedy = FirstFitDecreasing.place(snapshot, policy).orElseThrow();

        double planWatts = plan.summary().powerOnAfterWatts();
        double greedyWatts = greedy.usedHosts().stream().mapToDouble(h -> snapshot.host(h).orElseThrow().idleWatts()).sum();
        log.warn("consolidate 200x2000: {} W on {} hosts ({} migrations, {} GiB); first fit decreasing {} W on {} hosts",
                planWatts, plan.summary().hostsUsedAfter(), plan.summary().migrations(),
                Math.round(plan.summary().gibToMove()), greedyWatts, greedy.usedHosts().size());
        assertThat(HardRules.check(snapshot, policy, plan.placement())).isEmpty();
        assertThat(planWatts).isLessThanOrEqualTo(greedyWatts);
    }

    @Test
    void balanceBringsTheHottestHostWithin5PointsOfTheMeanCpu() throws Exception {
        // VMs of up to 8 vCPUs: one busy 32-vCPU guest alone fills a third of the largest host,
        // so with bigger VMs no placement at all could meet a 5-point target.
        ClusterSnapshot snapshot = ClusterGenerator.generate(
                new ClusterGenerator.Options(200, 2_000, 0.6, 0.5, 0, 42).withMaxVcpus(8));
        Policy policy = new Policy("balance", LIMITS, null,
                BalanceSettings.DEFAULTS.withTolerance(BalanceSettings.DEFAULT_TOLERANCE));

        MigrationPlan plan = planner.plan(snapshot, policy);

        Utilisation before = Utilisation.of(snapshot, snapshot.currentPlacement(), Resource.CPU);
        Utilisation after = Utilisation.of(snapshot, plan.placement(), Resource.CPU);
        log.warn("balance 200x2000: cpu max {} -> {} (mean {}), {} migrations, {} GiB", before.max(), after.max(),
                after.mean(), plan.summary().migrations(), Math.round(plan.summary().gibToMove()));
        assertThat(HardRules.check(snapshot, policy, plan.placement())).isEmpty();
        assertThat(after.max() - after.mean()).isLessThanOrEqualTo(0.05);
    }
}
