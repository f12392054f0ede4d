package dev.ballast.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.Limits;
import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.model.ServiceConfig.Mode;
import dev.ballast.model.ServiceConfig.Overload;
import dev.ballast.rules.Policies;
import dev.ballast.scheduler.goals.Goals;
import dev.ballast.service.SimulatedService;
import dev.ballast.service.store.PlanState;
import dev.ballast.service.store.StoredPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The overload watch end to end on a simulated cluster with a hot host, the collector's rounds
 * driven by hand on the service's clock: the relieve job fires once the host has been hot for the
 * hold time, not before and not again while it stays hot, and its plan brings the host back
 * within its limits.
 */
class OverloadTriggerTest {

    private static final Duration HOLD = Duration.ofMinutes(5);

    @TempDir
    Path dataDir;

    @Test
    void firesOnceAfterTheHoldNotAgainWhileHotAndItsPlanCoolsTheHost() throws Exception {
        Job watch = new Job("overload-watch", "relieve", null, Mode.RECOMMEND, null, new Overload(HOLD, 0.05),
                Duration.ofMinutes(30));
        Limits limits = Policies.resolve("relieve", Goals.registry()).limits();
        try (SimulatedService simulated = new SimulatedService(dataDir, List.of(watch), ZoneOffset.UTC);
                Triggers triggers = Triggers.of(simulated.service, simulated.database.dataSource(), simulated.clock)) {
            assertThat(hot(simulated, limits)).as("the generated cluster has a host over relieve's limits").isNotEmpty();

            triggers.round();
            simulated.clock.advance(HOLD.minusSeconds(1));
            triggers.round();
            assertThat(plans(simulated)).as("not before the hold time").isEmpty();

            simulated.clock.advance(Duration.ofSeconds(1));
            triggers.round();
            StoredPlan plan = awaitPlan(simulated);
            assertThat(plan.job()).isEqualTo("overload-watch");
            assertThat(plan.policy()).isEqualTo("relieve");

            for (int minute = 0; minute < 10; minute++) {
                simulated.clock.advance(Duration.ofMinutes(1));
                triggers.round();
            }
            assertThat(plans(simulated)).as("not again while the host stays hot (its plan waits for approval)")
                    .hasSize(1);

            simulated.service.approve(plan.id(), "relieve it");
            simulated.awaitState(plan.id(), PlanState.SUCCEEDED);
            assertThat(hot(simulated, limits)).as("every host within its limits").isEmpty();
        }
    }

    private static Map<String, Double> hot(SimulatedService simulated, Limits limits) throws InterruptedException {
        Map<String, Double> excess = new java.util.TreeMap<>(Excess.of(simulated.service.collect(), limits));
        excess.values().removeIf(over -> over <= 0);
        return excess;
    }

    private static List<StoredPlan> plans(SimulatedService simulated) {
        return simulated.store().list(Optional.empty());
    }

    private static StoredPlan awaitPlan(SimulatedService simulated) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            List<StoredPlan> plans = plans(simulated);
            if (!plans.isEmpty()) {
                return plans.get(0);
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the overload watch made no plan within a minute");
    }
}
