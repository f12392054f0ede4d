package dev.ballast.scheduler.goals;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.Limits;
import dev.ballast.model.Policy;
import dev.ballast.model.PowerLimits;
import dev.ballast.rules.Policies;
import dev.ballast.scheduler.goals.balance.BalanceSettings;
import dev.ballast.scheduler.goals.consolidate.ConsolidateSettings;
import dev.ballast.scheduler.goals.relieve.RelieveSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** What the built-in policies and the documented example say, read with the real goals. */
class BuiltInPoliciesTest {

    private static final Limits HEADROOM = new Limits(0.85, 0.95, 0.8);

    @Test
    void balanceKeepsHeadroomLeavesRecentMovesAloneAndMovesAtTheDefaultLevel() {
        assertThat(Policies.builtIn("balance", Goals.registry())).isEqualTo(new Policy("balance", HEADROOM, null,
                1.0, Duration.ofHours(6), new BalanceSettings(null, 1.0, 0, 3)));
    }

    @Test
    void relieveKeepsTheSameHeadroomAndLeavesRecentMovesAlone() {
        assertThat(Policies.builtIn("relieve", Goals.registry())).isEqualTo(new Policy("relieve", HEADROOM, null,
                1.0, Duration.ofHours(6), RelieveSettings.DEFAULTS));
    }

    @Test
    void consolidateKeepsTheSameHeadroomAndMovesOnlyToSwitchAHostOff() {
        assertThat(Policies.builtIn("consolidate", Goals.registry())).isEqualTo(new Policy("consolidate", HEADROOM,
                null, 1.0, Duration.ofHours(6), new ConsolidateSettings(1, 1, 1)));
    }

    @Test
    void readsTheDocumentedExample() throws Exception {
        assertThat(Policies.resolve(Path.of("..", "docs", "examples", "policy.yaml").toString(), Goals.registry()))
                .isEqualTo(new Policy("night-consolidation", new Limits(0.85, 0.9, 0.8), 20, 0.5, Duration.ofDays(1),
                        new ConsolidateSettings(1, 1, 150),
                        new PowerLimits(PowerLimits.Reserve.hosts(1), 4, Duration.ofHours(12))));
    }
}
