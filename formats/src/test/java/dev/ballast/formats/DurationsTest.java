package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"500ms, 500", "90s, 90000", "30m, 1800000", "6h, 21600000", "1d, 86400000", "0, 0", "0s, 0",
        "10S, 10000", "' 2m ', 120000"})
    void readsAWholeNumberAndAUnit(String text, long millis) {
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"", "abc", "30", "s", "1.5s", "10 sec", "1w"})
    void refusesAnythingElseNamingItAndTheAcceptedForms(String text) {
        assertThatThrownBy(() -> Durations.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'" + text + "' is not a duration; write a whole number and a unit, e.g. " + Durations.FORMS);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1234567890s", "9999999999s", "99999999999999999999999d"})
    void refusesATooLongDurationSayingSo(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessageStartingWith("'" + text + "' is too long a duration:"
                + " at most 9 digits");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"-1s", "-6h"})
    void refusesANegativeDurationSayingSo(String text) {
        assertThatThrownBy(() -> Durations.parse(text)).hasMessageStartingWith("'" + text + "' is negative;");
    }

    @ParameterizedTest(name = "{1}")
    @CsvSource({"0, 0", "500, 500ms", "1500, 1500ms", "90000, 90s", "1800000, 30m", "21600000, 6h", "86400000, 1d",
        "90000000, 25h"})
    void writesADurationBackInItsLargestWholeUnit(long millis, String text) {
        assertThat(Durations.format(Duration.ofMillis(millis))).isEqualTo(text);
        assertThat(Durations.parse(text)).isEqualTo(Duration.ofMillis(millis));
    }
}
