package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ballast.model.Goal;
import dev.ballast.model.Limits;
import dev.ballast.model.Policy;
import dev.ballast.model.Tolerance;
import dev.ballast.model.Weights;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PolicyReaderTest {

    @Test
    void readsTheDocumentedExample() throws Exception {
        assertThat(PolicyReader.read(Examples.POLICY)).isEqualTo(new Policy("night-consolidation", Goal.CONSOLIDATE,
                new Limits(0.85, 0.9, 0.8), 20, new Weights(1, 1, 0, 0.5))
                .withCooldown(Duration.ofDays(1))
                .withMinImprovement(new Policy.MinImprovement(150, 0)));
    }

    @Test
    void omittedLimitsWeightsAndCapTakeTheirDefaults() throws Exception {
        Policy policy = PolicyReader.parse(Examples.POLICY_HEADER + "name: p\ngoal: balance\n", "p.yaml");

        assertThat(policy).isEqualTo(new Policy("p", Goal.BALANCE, Limits.FULL, null, Weights.DEFAULT));
    }

    @Test
    void omittedEntriesOfLimitsAndWeightsTakeTheirDefaults() throws Exception {
        Policy policy = PolicyReader.parse(Examples.POLICY_HEADER + """
                name: p
                goal: balance
                limits: {cpu: 0.5}
                weights: {spread: 3}
                """, "p.yaml");

        assertThat(policy.limits()).isEqualTo(new Limits(0.5, 1.0, 1.0));
        assertThat(policy.weights()).isEqualTo(new Weights(1, 1, 3, 1));
    }

    @Test
    void readsToleranceCooldownAndMinimumImprovement() throws Exception {
        Policy policy = PolicyReader.parse(Examples.POLICY_HEADER + """
                name: p
                goal: balance
                tolerance: 0.1
                cooldown: 90m
                minImprovement: {watts: 150, points: 2.5}
                """, "p.yaml");

        assertThat(policy.tolerance()).isEqualTo(Tolerance.uniform(0.1));
        assertThat(policy.cooldown()).isEqualTo(Duration.ofMinutes(90));
        assertThat(policy.minImprovement()).isEqualTo(new Policy.MinImprovement(150, 2.5));
    }

    @Test
    void readsAToleranceForEachResourceWithTheDefaultForThoseLeftOut() throws Exception {
        Policy policy = PolicyReader.parse(Examples.POLICY_HEADER + """
                name: p
                goal: balance
                tolerance: {cpu: 0.02, memory: 0.1}
                """, "p.yaml");

        assertThat(policy.tolerance()).isEqualTo(new Tolerance(0.02, 0.1, Policy.DEFAULT_TOLERANCE.network()));
    }

    @Test
    void omittedToleranceCooldownAndMinimumImprovementTakeTheirDefaults() throws Exception {
        Policy policy = PolicyReader.parse(Examples.POLICY_HEADER + "name: p\ngoal: balance\nminImprovement: {}\n",
                "p.yaml");

        assertThat(policy.tolerance()).isEqualTo(Policy.DEFAULT_TOLERANCE);
        assertThat(policy.cooldown()).isZero();
        assertThat(policy.minImprovement()).isEqualTo(Policy.MinImprovement.NONE);
    }

    @ParameterizedTest(name = "cooldown: {0}")
    @CsvSource({"90s, 90", "30m, 1800", "6h, 21600", "1d, 86400", "500ms, 0.5", "0, 0", "0s, 0", "'\"0\"', 0"})
    void readsACooldownInTheUnitsOperatorsWrite(String written, double seconds) throws Exception {
        Policy policy = PolicyReader.parse(Examples.POLICY_HEADER + "name: p\ngoal: balance\ncooldown: " + written + "\n",
                "p.yaml");

        assertThat(policy.cooldown()).isEqualTo(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    @Test
    void readsJson() throws Exception {
        Policy policy = PolicyReader.parse("""
                {"apiVersion": "ballast/v1", "kind": "Policy", "name": "p", "goal": "consolidate", "maxMigrations": 0}
                """, "p.json");

        assertThat(policy.maxMigrations()).isZero();
        assertThat(policy.goal()).isEqualTo(Goal.CONSOLIDATE);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("goal: balance\n", "name", "required"),
                Arguments.of("name: p\n", "goal", "required"),
                Arguments.of("name: p\ngoal: maximise\n", "goal",
                        "unknown value \"maximise\" (allowed: balance, consolidate)"),
                Arguments.of("name: p\ngoal: balance\nlimits: {cpu: 1.2}\n", "limits.cpu",
                        "must be > 0 and <= 1, got 1.2"),
                Arguments.of("name: p\ngoal: balance\nlimits: {memory: 0}\n", "limits.memory",
                        "must be > 0 and <= 1, got 0"),
                Arguments.of("name: p\ngoal: balance\nlimits: {network: \"80%\"}\n", "limits.network",
                        "expected a number, got \"80%\""),
                Arguments.of("name: p\ngoal: balance\nlimits: {disk: 0.5}\n", "limits.disk",
                        "unknown field (known: cpu, memory, network)"),
                Arguments.of("name: p\ngoal: balance\nmaxMigrations: -1\n", "maxMigrations", "must be >= 0, got -1"),
                Arguments.of("name: p\ngoal: balance\nmaxMigrations: 2.5\n", "maxMigrations",
                        "expected an integer, got 2.5"),
                Arguments.of("name: p\ngoal: balance\nweights: {hostpower: 2}\n", "weights.hostpower",
                        "unknown field (known: hostPower, packing, spread, migration)"),
                Arguments.of("name: p\ngoal: balance\nweights: {migration: -0.5}\n", "weights.migration",
                        "must be >= 0, got -0.5"),
                Arguments.of("name: p\ngoal: balance\nweights: 2\n", "weights", "expected an object, got 2"),
                Arguments.of("name: p\ngoal: balance\ntolerance: 0\n", "tolerance", "must be > 0 and <= 1, got 0"),
                Arguments.of("name: p\ngoal: balance\ntolerance: 4\n", "tolerance", "must be > 0 and <= 1, got 4"),
                Arguments.of("name: p\ngoal: balance\ntolerance: {cpu: 2}\n", "tolerance.cpu",
                        "must be > 0 and <= 1, got 2"),
                Arguments.of("name: p\ngoal: balance\ntolerance: {disk: 0.1}\n", "tolerance.disk", "unknown field"),
                Arguments.of("name: p\ngoal: balance\ntolerance: [0.1]\n", "tolerance",
                        "expected a number (for every resource) or an object with cpu, memory and network, got a list"),
                Arguments.of("name: p\ngoal: balance\ncooldown: soon\n", "cooldown",
                        "expected a duration such as 500ms, 30s, 30m, 6h or 1d (0 for none), got \"soon\""),
                Arguments.of("name: p\ngoal: balance\ncooldown: -6h\n", "cooldown",
                        "expected a duration such as 500ms, 30s, 30m, 6h or 1d (0 for none), got \"-6h\""),
                Arguments.of("name: p\ngoal: balance\ncooldown: 6\n", "cooldown",
                        "expected a duration such as 500ms, 30s, 30m, 6h or 1d (0 for none), got 6"),
                Arguments.of("name: p\ngoal: balance\ncooldown: 1.5h\n", "cooldown", "expected a duration"),
                Arguments.of("name: p\ngoal: balance\nminImprovement: {watt: 100}\n", "minImprovement.watt",
                        "unknown field (known: watts, points)"),
                Arguments.of("name: p\ngoal: balance\nminImprovement: {points: -1}\n", "minImprovement.points",
                        "must be >= 0, got -1"),
                Arguments.of("name: p\ngoal: balance\nminImprovement: 2\n", "minImprovement",
                        "expected an object, got 2"),
                Arguments.of("name: p\ngoal: balance\nthreshold: 3\n", "threshold", "unknown field (known: apiVersion,"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("cases")
    void reportsTheProblemAtItsPath(String body, String path, String message) {
        InputException e = catchThrowableOfType(InputException.class,
                () -> PolicyReader.parse(Examples.POLICY_HEADER + body, "case.yaml"));

        assertThat(e).isNotNull();
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo(path);
            assertThat(p.message()).startsWith(message);
        });
    }

    @Test
    void aSnapshotIsNotAPolicy() {
        assertThatThrownBy(() -> PolicyReader.read(Examples.SNAPSHOT))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.problems())
                        .containsExactly(new Problem("kind", "expected \"Policy\", got \"ClusterSnapshot\"")));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String text = Examples.POLICY_HEADER + "goal: grow\nlimits: {cpu: 2, memory: -1}\nweights: {spread: -1}\n";

        assertThatThrownBy(() -> PolicyReader.parse(text, "bad.yaml"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path)
                        .containsExactly("name", "goal", "limits.cpu", "limits.memory", "weights.spread"));
    }
}
