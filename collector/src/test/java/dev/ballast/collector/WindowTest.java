package dev.ballast.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ballast.model.ClusterConfig.Smoothing;
import dev.ballast.model.ClusterConfig.Statistic;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The statistic of a window: one spike among steady samples moves the snapshot little or not at all. */
class WindowTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // nine samples of 2 cores and one spike of 16, newest last
        "MEAN, 3.4",    // (9 * 2 + 16) / 10
        "P50,  2.0",    // the spike is no median
        "P90,  2.0",    // nor the 90th percentile of ten samples
        "P95, 16.0",    // but the 95th is the spike itself: nearest rank 10 of 10
        "MAX, 16.0",
        "EWMA, 6.2",    // 0.3 * 16 + 0.7 * 2: the newest sample weighs alpha
    })
    void oneSpikeAmongSteadySamples(Statistic statistic, double expected) {
        Window window = new Window(new Smoothing(statistic, 10, 0.3));
        for (int i = 0; i < 9; i++) {
            window.add(2.0);
        }
        window.add(16.0);

        assertThat(window.value()).isCloseTo(expected, within(1e-9));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"MEAN", "P95", "EWMA", "MAX"})
    void keepsOnlyTheNewestSamples(Statistic statistic) {
        Window window = new Window(new Smoothing(statistic, 3, 0.5));
        window.add(100.0);
        for (int i = 0; i < 3; i++) {
            window.add(1.0);
        }

        assertThat(window.value()).isEqualTo(1.0);
    }
}
