package dev.ballast.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PreCopyModelTest {

    /** Full link speed and no setup time, so that the figures are the model's formulas alone. */
    private final PreCopyModel model = new PreCopyModel(300, 30, 1.0, 0);

    /** 100 Gb/s = 1e11 / 8 bytes/s = 11,920.93 MiB/s. */
    private static final double B_100G = 100_000 * 1e6 / 8 / (1024 * 1024);

    @Test
    void aLinkOf100GbitCarriesAbout11920MiBPerSecond() {
        assertThat(model.bandwidthMiBps(100_000)).isCloseTo(11_920.93, within(0.01));
        assertThat(PreCopyModel.standard().bandwidthMiBps(100_000)).isCloseTo(0.9 * 11_920.93, within(0.01));
    }

    @Test
    void anIdleGuestIsOneFullCopyWithoutDowntime() {
        MigrationEstimate e = model.estimate(8_192, 0.0, 100_000);
        assertThat(e.seconds()).isCloseTo(8_192 / B_100G, within(1e-9));
        assertThat(e.downtimeMs()).isZero();
        assertThat(e.rounds()).isEqualTo(1);
        assertThat(e.converges()).isTrue();
    }

    @Test
    void aBusyGuestNeedsARoundPerDirtyGeneration() {
        // 8 GiB at 1000 MiB/s dirtied: t0 = M/B, then r*t0 is left, which copies within 300 ms.
        MigrationEstimate e = model.estimate(8_192, 1_000.0, 100_000);
        double t0 = 8_192 / B_100G;
        double last = 1_000 * t0 / B_100G;
        assertThat(e.seconds()).isCloseTo(t0 + last, within(1e-9));
        assertThat(e.downtimeMs()).isCloseTo(last * 1000, within(1e-6));
        assertThat(e.rounds()).isEqualTo(1);
    }

    @Test
    void roundsShrinkGeometricallyUntilTheRestFitsTheDowntime() {
        // A 1 Gb/s link (119.2 MiB/s), 4 GiB, 60 MiB/s dirtied: ratio r/B = 0.503. Rounds of
        // 34.4 s, 17.3 s, 8.7 s, ... until r * t(n) / B <= 0.3 s.
        double b = 1_000 * 1e6 / 8 / (1024 * 1024);
        MigrationEstimate e = model.estimate(4_096, 60.0, 1_000);
        double ratio = 60 / b;
        double t = 4_096 / b;
        double total = 0;
        int rounds = 0;
        do {
            total += t;
            rounds++;
            t *= ratio;
        } while (t > 0.3);
        assertThat(e.rounds()).isEqualTo(rounds);
        assertThat(e.seconds()).isCloseTo(total + t, within(1e-6));
        assertThat(e.downtimeMs()).isCloseTo(t * 1000, within(1e-6)).isLessThanOrEqualTo(300);
        assertThat(e.converges()).isTrue();
    }

    @Test
    void aGuestDirtyingFasterThanTheLinkDoesNotConverge() {
        MigrationEstimate e = model.estimate(4_096, 200.0, 1_000);
        assertThat(e.converges()).isFalse();
        assertThat(e.rounds()).isEqualTo(30);
    }

    @Test
    void setupTimeAndLinkEfficiencyAddUp() {
        PreCopyModel real = new PreCopyModel(300, 30, 0.5, 2.0);
        assertThat(real.estimate(8_192, 0.0, 100_000).seconds()).isCloseTo(2.0 + 8_192 / (B_100G / 2), within(1e-9));
    }

    @Test
    void anUnknownDirtyRateIsTakenAsTheDefault() {
        assertThat(model.estimate(8_192, null, 1_000))
                .isEqualTo(model.estimate(8_192, PreCopyModel.DEFAULT_DIRTY_RATE_MIBPS, 1_000));
    }
}
