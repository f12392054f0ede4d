package dev.ballast.scheduler.goals.consolidate;

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

/** Consolidate's settings as a policy file gives them: defaults, each bad value at its path, balance's refused. */
class ConsolidateSettingsTest {

    private static final String HEADER = "apiVersion: ballast/v1\nkind: Policy\nname: p\ngoal: consolidate\n";

    private static ConsolidateSettings read(String body) throws InputException {
        Policy policy = PolicyReader.parse(HEADER + body, "p.yaml", Goals.registry());
        return (ConsolidateSettings) policy.settings();
    }

    @Test
    void omittedSettingsTakeTheirDefaults() throws Exception {
        assertThat(read("")).isEqualTo(ConsolidateSettings.DEFAULTS).isEqualTo(new ConsolidateSettings(1, 1, 0));
    }

    @Test
    void readsEverySetting() throws Exception {
        assertThat(read("minImprovement: {watts: 150}\nweights: {hostPower: 2, packing: 0.5, migration: 0}\n"))
                .isEqualTo(new ConsolidateSettings(2, 0.5, 150));
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("minImprovement: {watts: -1}\n", "minImprovement.watts", "must be >= 0, got -1"),
                Arguments.of("weights: {hostPower: -1}\n", "weights.hostPower", "must be >= 0, got -1"),
                Arguments.of("weights: {packing: \"high\"}\n", "weights.packing", "expected a number, got \"high\""),
                Arguments.of("tolerance: 0.04\n", "tolerance",
                        "not read by goal consolidate (it reads: minImprovement.watts, weights.hostPower, "
                                + "weights.packing, weights.migration)"),
                Arguments.of("weights: {spread: 0}\n", "weights.spread", "not read by goal consolidate"),
                Arguments.of("minImprovement: {points: 2}\n", "minImprovement.points", "not read by goal consolidate"));
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
