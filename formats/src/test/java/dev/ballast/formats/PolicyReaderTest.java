package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ballast.model.Limits;
import dev.ballast.model.Policy;
import dev.ballast.model.PowerLimits;
import dev.ballast.model.PowerLimits.Reserve;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The part of a policy every goal reads; each goal's own settings are tested with the goal, in the scheduler. */
class PolicyReaderTest {

    private static final FakeGoals GOALS = FakeGoals.INSTANCE;

    @Test
    void readsTheDocumentedExample() throws Exception {
        assertThat(PolicyReader.read(Examples.POLICY, GOALS)).isEqualTo(new Policy("night-consolidation",
                new Limits(0.85, 0.9, 0.8), 20, 0.5, Duration.ofDays(1), new FakeGoals.Settings("consolidate",
                        Map.of("minImprovement.watts", 150.0, "weights.hostPower", 1.0, "weights.packing", 1.0)),
                new PowerLimits(Reserve.hosts(1), 4, Duration.ofHours(12))));
    }

    @Test
    void omittedLimitsCapCooldownAndMigrationWeightTakeTheirDefaults() throws Exception {
        Policy policy = PolicyReader.parse(Examples.POLICY_HEADER + "name: p\ngoal: balance\n", "p.yaml", GOALS);

        assertThat(policy).isEqualTo(new Policy("p", Limits.FULL, null, new FakeGoals.Settings("balance", Map.of())));
        assertThat(policy.migrationWeight()).isEqualTo(1.0);
        assertThat(policy.cooldown()).isZero();
    }

    @Test
    void readsThePowerSettingsEveryGoalReads() throws Exception {
        Policy policy = PolicyReader.parse(Examples.POLICY_HEADER + """
                name: p
                goal: consolidate
                reserve: {hosts: 2}
                maxPowerOffsPerRun: 3
                powerCooldown: 4h
                """, "p.yaml", GOALS);
        assertThat(policy.power()).isEqualTo(new PowerLimits(Reserve.hosts(2), 3, Duration.ofHours(4)));

        Policy share = PolicyReader.parse(Examples.POLICY_HEADER + "name: p\ngoal: balance\nreserve: {capacity: 0.2}\n",
                "p.yaml", GOALS);
        assertThat(share.power()).isEqualTo(PowerLimits.NONE.withReserve(Reserve.capacity(0.2)));
    }

    @Test
    void withoutPowerSettingsNothingLimitsPowerOffs() throws Exception {
        Policy policy = PolicyReader.parse(Examples.POLICY_HEADER + "name: p\ngoal: consolidate\n", "p.yaml", GOALS);
        assertThat(policy.power()).isEqualTo(PowerLimits.NONE);
    }

    @Test
    void omittedEntriesOfLimitsTakeTheirDefaults() throws Exception {
        Policy policy = PolicyReader.parse(Examples.POLICY_HEADER + """
                name: p
                goal: balance
                limits: {cpu: 0.5}
                weights: {migration: 3}
                """, "p.yaml", GOALS);

        assertThat(policy.limits()).isEqualTo(new Limits(0.5, 1.0, 1.0));
        assertThat(policy.migrationWeight()).isEqualTo(3.0);
    }

    @Test
    void handsTheGoalItsSettings() throws Exception {
        Policy policy = PolicyReader.parse(Examples.POLICY_HEADER + """
                name: p
                goal: balance
                tolerance: 0.1
                minImprovement: {points: 2.5}
                weights: {spread: 2, migration: 0.5}
                """, "p.yaml", GOALS);

        assertThat(policy.settings()).isEqualTo(new FakeGoals.Settings("balance",
                Map.of("tolerance", 0.1, "minImprovement.points", 2.5, "weights.spread", 2.0)));
        assertThat(policy.goalName()).isEqualTo("balance");
    }

    @Test
    void refusesEverySettingTheGoalDoesNotReadNamingIt() {
        InputException e = catchThrowableOfType(InputException.class, () -> PolicyReader.parse(Examples.POLICY_HEADER
                + "name: p\ngoal: consolidate\ntolerance: 0.1\nweights: {spread: 1, packing: 2}\n", "p.yaml", GOALS));

        assertThat(e.problems()).containsExactly(
                new Problem("tolerance", "not read by goal consolidate (it reads: minImprovement.watts, "
                        + "weights.hostPower, weights.packing, weights.migration)"),
                new Problem("weights.spread", "not read by goal consolidate (it reads: minImprovement.watts, "
                        + "weights.hostPower, weights.packing, weights.migration)"));
    }

    @ParameterizedTest(name = "cooldown: {0}")
    @CsvSource({"90s, 90", "30m, 1800", "6h, 21600", "1d, 86400", "500ms, 0.5", "0, 0", "0s, 0", "'\"0\"', 0"})
    void readsACooldownInTheUnitsOperatorsWrite(String written, double seconds) throws Exception {
        Policy policy = PolicyReader.parse(Examples.POLICY_HEADER + "name: p\ngoal: balance\ncooldown: " + written + "\n",
                "p.yaml", GOALS);

        assertThat(policy.cooldown()).isEqualTo(Duration.ofMillis(Math.round(seconds * 1000)));
    }

    @Test
    void readsJson() throws Exception {
        Policy policy = PolicyReader.parse("""
                {"apiVersion": "ballast/v1", "kind": "Policy", "name": "p", "goal": "consolidate", "maxMigrations": 0}
                """, "p.json", GOALS);

        assertThat(policy.maxMigrations()).isZero();
        assertThat(policy.goalName()).isEqualTo("consolidate");
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("goal: balance\n", "name", "required"),
                Arguments.of("name: p\n", "goal", "required"),
                Arguments.of("name: p\ngoal: maximise\n", "goal",
                        "unknown value \"maximise\" (allowed: balance, consolidate, relieve)"),
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
                        "unknown field (known: spread, hostPower, packing, migration)"),
                Arguments.of("name: p\ngoal: balance\nweights: {migration: -0.5}\n", "weights.migration",
                        "must be >= 0, got -0.5"),
                Arguments.of("name: p\ngoal: balance\nweights: 2\n", "weights", "expected an object, got 2"),
                Arguments.of("name: p\ngoal: balance\ncooldown: soon\n", "cooldown",
                        "expected a duration such as 500ms, 30s, 30m, 6h or 1d (0 for none), got \"soon\""),
                Arguments.of("name: p\ngoal: balance\ncooldown: -6h\n", "cooldown",
                        "expected a duration such as 500ms, 30s, 30m, 6h or 1d (0 for none), got \"-6h\""),
                Arguments.of("name: p\ngoal: balance\ncooldown: 6\n", "cooldown",
                        "expected a duration such as 500ms, 30s, 30m, 6h or 1d (0 for none), got 6"),
                Arguments.of("name: p\ngoal: balance\ncooldown: 1.5h\n", "cooldown", "expected a duration"),
                Arguments.of("name: p\ngoal: balance\nminImprovement: {watt: 100}\n", "minImprovement.watt",
                        "unknown field (known: points, watts)"),
                Arguments.of("name: p\ngoal: balance\nminImprovement: 2\n", "minImprovement",
                        "expected an object, got 2"),
                Arguments.of("name: p\ngoal: balance\nthreshold: 3\n", "threshold", "unknown field (known: apiVersion,"),
                Arguments.of("name: p\ngoal: consolidate\nreserve: {hosts: 1, capacity: 0.2}\n", "reserve",
                        "give hosts or capacity, not both"),
                Arguments.of("name: p\ngoal: consolidate\nreserve: {}\n", "reserve",
                        "give hosts (e.g. {hosts: 1}) or capacity (e.g. {capacity: 0.2})"),
                Arguments.of("name: p\ngoal: consolidate\nreserve: {hosts: -1}\n", "reserve.hosts",
                        "must be >= 0, got -1"),
                Arguments.of("name: p\ngoal: consolidate\nreserve: {capacity: 1.5}\n", "reserve.capacity",
                        "must be >= 0 and <= 1, got 1.5"),
                Arguments.of("name: p\ngoal: consolidate\nreserve: {watts: 100}\n", "reserve.watts",
                        "unknown field (known: hosts, capacity)"),
                Arguments.of("name: p\ngoal: consolidate\nreserve: 1\n", "reserve", "expected an object, got 1"),
                Arguments.of("name: p\ngoal: consolidate\nmaxPowerOffsPerRun: -2\n", "maxPowerOffsPerRun",
                        "must be >= 0, got -2"),
                Arguments.of("name: p\ngoal: consolidate\npowerCooldown: 2\n", "powerCooldown",
                        "expected a duration such as 500ms, 30s, 30m, 6h or 1d (0 for none), got 2"));
    }

    @ParameterizedTest(name = "{1}: {2}")
    @MethodSource("cases")
    void reportsTheProblemAtItsPath(String body, String path, String message) {
        InputException e = catchThrowableOfType(InputException.class,
                () -> PolicyReader.parse(Examples.POLICY_HEADER + body, "case.yaml", GOALS));

        assertThat(e).isNotNull();
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.path()).isEqualTo(path);
            assertThat(p.message()).startsWith(message);
        });
    }

    @Test
    void aSnapshotIsNotAPolicy() {
        assertThatThrownBy(() -> PolicyReader.read(Examples.SNAPSHOT, GOALS))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.problems())
                        .containsExactly(new Problem("kind", "expected \"Policy\", got \"ClusterSnapshot\"")));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        String text = Examples.POLICY_HEADER + "goal: grow\nlimits: {cpu: 2, memory: -1}\nweights: {migration: -1}\n";

        assertThatThrownBy(() -> PolicyReader.parse(text, "bad.yaml", GOALS))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path)
                        .containsExactly("name", "goal", "limits.cpu", "limits.memory", "weights.migration"));
    }
}
