package dev.ballast.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class HostTest {

    private static Host host(Power power) {
        return new Host("h1", HostState.ACTIVE, new Resources(16, 65_536, 10_000), null, Set.of(), Set.of(), null,
                power, null);
    }

    @Test
    void aHostWithPowerFiguresSavesItsMeasuredIdleWatts() {
        Host host = host(new Power(95, 300));

        assertThat(host.idleWatts()).isEqualTo(95);
        assertThat(host.powerAssumed()).isFalse();
    }

    @Test
    void aHostWithoutPowerFiguresIsAssumedToIdleLikeATypicalServer() {
        Host host = host(null);

        assertThat(host.idleWatts()).isEqualTo(Host.ASSUMED_IDLE_WATTS).isEqualTo(150);
        assertThat(host.powerAssumed()).isTrue();
    }
}
