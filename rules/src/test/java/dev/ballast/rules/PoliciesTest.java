package dev.ballast.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.formats.InputException;
import dev.ballast.formats.Problem;
import dev.ballast.formats.GoalFields;
import dev.ballast.formats.GoalSettingsReader;
import dev.ballast.model.GoalSettings;
import dev.ballast.model.Policy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lookup of policies; what the built-ins say is tested with the goals, in the scheduler. */
class PoliciesTest {

    private record Named(String goal) implements GoalSettings {
    }

    /** Goals that take every setting of the built-ins and read none: the lookup is what is tested here. */
    private static final GoalSettingsReader GOALS = new GoalSettingsReader() {
        @Override
        public List<String> goals() {
            return List.of("balance", "consolidate", "relieve");
        }

        @Override
        public List<String> settingsOf(String goal) {
            return List.of("tolerance", "minImprovement.points", "minImprovement.watts", "weights.spread",
                    "weights.hostPower", "weights.packing");
        }

        @Override
        public GoalSettings read(String goal, GoalFields fields) {
            return new Named(goal);
        }
    };

    @Test
    void listsTheBuiltInNames() {
        assertThat(Policies.builtInNames()).containsExactly("balance", "consolidate", "relieve");
    }

    @Test
    void anUnknownBuiltInNameIsAProgrammingError() {
        assertThatThrownBy(() -> Policies.builtIn("spread", GOALS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"spread\"").hasMessageContaining("balance, consolidate, relieve");
    }

    @Test
    void resolvesABuiltInByName() throws Exception {
        assertThat(Policies.resolve("consolidate", GOALS)).isEqualTo(Policies.builtIn("consolidate", GOALS));
    }

    @Test
    void resolvesAnythingElseAsAFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("night.yaml"), """
                apiVersion: ballast/v1
                kind: Policy
                name: night
                goal: consolidate
                maxMigrations: 10
                """);

        Policy policy = Policies.resolve(file.toString(), GOALS);

        assertThat(policy.name()).isEqualTo("night");
        assertThat(policy.maxMigrations()).isEqualTo(10);
    }

    @Test
    void resolvesTheDocumentedExample() throws Exception {
        assertThat(Policies.resolve(Path.of("..", "docs", "examples", "policy.yaml").toString(), GOALS).name())
                .isEqualTo("night-consolidation");
    }

    @Test
    void aMissingFileNamesItAndTheBuiltIns() {
        assertThatThrownBy(() -> Policies.resolve("balanse", GOALS))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.source()).isEqualTo("balanse");
                    assertThat(e.problems()).containsExactly(new Problem("(file)",
                            "no such file, and not a built-in policy (balance, consolidate, relieve)"));
                });
    }

    @Test
    void anInvalidFileIsBadInputNamingTheFieldAndTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "apiVersion: ballast/v1\nkind: Policy\nname: x\n");

        assertThatThrownBy(() -> Policies.resolve(file.toString(), GOALS))
                .isInstanceOf(InputException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("goal: required");
    }

    @Test
    void thePolicyDocQuotesTheBuiltInFiles() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "policy.md"));
        for (String name : Policies.builtInNames()) {
            try (var in = Policies.class.getResourceAsStream(name + ".yaml")) {
                assertThat(doc).contains(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
    }
}
