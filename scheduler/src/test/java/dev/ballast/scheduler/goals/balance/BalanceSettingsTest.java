package dev.ballast.scheduler.goals.balance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ballast.formats.InputException;
import dev.ballast.formats.PolicyReader;
import dev.ballast.model.Policy;
import dev.ballast.scheduler.goals.Goals;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Balance's settings as a policy file gives them: defaults, each bad value at its path, consolidate's refused. */
class BalanceSettingsTest {

    private static final String HEADER = "apiVersion: ballast/v1\nkind: Policy\nname: p\ngoal: balance\n";

    private static BalanceSettings read(String body) throws InputException {
        Policy policy = PolicyReader.parse(HEADER + body, "p.yaml", Goals.registry());
        return (BalanceSettings) policy.settings();
    }

    @Test
    void omittedSettingsTakeTheirDefaults() throws Exception {
        assertThat(read("")).isEqualTo(BalanceSettings.DEFAULTS)
                .isEqualTo(new BalanceSettings(null, 1.0, 0, 3));
        assertThat(read("minImprovement: {}\nweights: {}\n")).isEqualTo(BalanceSettings.DEFAULTS);
    }

    @Test
    void readsEverySetting() throws Exception {
        assertThat(read("aggressiveness: 4\ntolerance: 0.1\nminImprovement: {points: 2.5}\n"
                + "weights: {spread: 3, migration: 0.5}\n"))
                .isEqualTo(new BalanceSettings(Tolerance.uniform(0.1), 3, 2.5, 4));
    }

    @Test
    void readsAToleranceForEachResourceWithTheDefaultForThoseLeftOut() throws Exception {
        assertThat(read("tolerance: {cpu: 0.02, memory: 0.1}\n").tolerance())
                .isEqualTo(new Tolerance(0.02, 0.1, BalanceSettings.DEFAULT_TOLERANCE.network()));
    }

    @Test
    void levelOneReadsNoToleranceButTheOtherSettings() throws Exception {
        assertThat(read("aggressiveness: 1\nweights: {spread: 2}\n"))
                .isEqualTo(new BalanceSettings(null, 2, 0, 1));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("aggressiveness: 0\n", "aggressiveness", "must be from 1 to 5, got 0"),
                Arguments.of("aggressiveness: 6\n", "aggressiveness", "must be from 1 to 5, got 6"),
                Arguments.of("aggressiveness: 2.5\n", "aggressiveness", "expected an integer, got 2.5"),
                Arguments.of("aggressiveness: high\n", "aggressiveness", "expected an integer, got \"high\""),
                Arguments.of("aggressiveness: 1\ntolerance: 0.04\n", "tolerance",
                        "not read at aggressiveness 1, which makes only the moves the limits demand"),
                Arguments.of("tolerance: 0\n", "tolerance", "must be > 0 and <= 1, got 0"),
                Arguments.of("tolerance: 4\n", "tolerance", "must be > 0 and <= 1, got 4"),
                Arguments.of("tolerance: {cpu: 2}\n", "tolerance.cpu", "must be > 0 and <= 1, got 2"),
                Arguments.of("tolerance: {disk: 0.1}\n", "tolerance.disk", "unknown field (known: cpu, memory, network)"),
                Arguments.of("tolerance: [0.1]\n", "tolerance",
                        "expected a number (for every resource) or an object with cpu, memory and network, got a list"),
                Arguments.of("tolerance: \"4%\"\n", "tolerance",
                        "expected a number (for every resource) or an object with cpu, memory and network, got \"4%\""),
                Arguments.of("minImprovement: {points: -1}\n", "minImprovement.points", "must be >= 0, got -1"),
                Arguments.of("weights: {spread: -2}\n", "weights.spread", "must be >= 0, got -2"),
                Arguments.of("minImprovement: {watts: 100}\n", "minImprovement.watts",
                        "not read by goal balance (it reads: aggressiveness, tolerance, minImprovement.points, weights.spread, "
                                + "weights.migration)"),
                Arguments.of("weights: {hostPower: 1}\n", "weights.hostPower", "not read by goal balance"),
                Arguments.of("weights: {packing: 1}\n", "weights.packing", "not read by goal balance"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("cases")
    void reportsTheProblemAtItsPath(String body, String path, String message) {
        InputException e = catchThrowableOfType(InputException.class, () -> read(body));

        assertThat(e).isNotNull();
        assertThat(e.getMessage()).contains("p.yaml");
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo(path);
            assertThat(p.message()).startsWith(message);
        });
    }
}
