package dev.ballast.service.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.service.SimulatedService;
import dev.ballast.service.store.PlanState;
import dev.ballast.service.store.StoredPlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The collector's round, driven by hand: the newest snapshot kept, expired plans superseded. */
class TriggersTest {

    @TempDir
    Path dataDir;

    @Test
    void aRoundKeepsTheNewestSnapshotAndSupersedesTheExpiredPlans() throws Exception {
        try (SimulatedService simulated = new SimulatedService(dataDir);
                Triggers triggers = Triggers.of(simulated.service, simulated.database.dataSource(), simulated.clock)) {
            StoredPlan plan = simulated.service.runJob("nightly").get(60, TimeUnit.SECONDS).orElseThrow();
            simulated.clock.advance(Duration.ofHours(24));

            triggers.round();

            assertThat(simulated.service.snapshot()).isEqualTo(simulated.cluster.snapshot());
            assertThat(simulated.store().find(plan.id()).orElseThrow().state()).isEqualTo(PlanState.SUPERSEDED);
        }
    }
}
