package dev.ballast.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.formats.InputException;
import dev.ballast.formats.Problem;
import dev.ballast.model.Goal;
import dev.ballast.model.Policy;
import dev.ballast.model.Weights;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PoliciesTest {

    // dev.ballast.rules has a Limits class of its own (the capacity rule).
    private static final dev.ballast.model.Limits HEADROOM = new dev.ballast.model.Limits(0.85, 0.95, 0.8);

    @Test
    void listsTheBuiltInNames() {
        assertThat(Policies.builtInNames()).containsExactly("balance", "consolidate");
    }

    @Test
    void balanceKeepsHeadroomLeavesRecentMovesAloneAndMovesOnlyForTwoPoints() {
        assertThat(Policies.builtIn("balance"))
                .isEqualTo(new Policy("balance", Goal.BALANCE, HEADROOM, null, Weights.DEFAULT)
                        .withTolerance(0.04)
                        .withCooldown(Duration.ofHours(6))
                        .withMinImprovement(new Policy.MinImprovement(0, 2)));
    }

    @Test
    void consolidateKeepsTheSameHeadroomAndMovesOnlyToSwitchAHostOff() {
        assertThat(Policies.builtIn("consolidate"))
                .isEqualTo(new Policy("consolidate", Goal.CONSOLIDATE, HEADROOM, null, Weights.DEFAULT)
                        .withCooldown(Duration.ofHours(6))
                        .withMinImprovement(new Policy.MinImprovement(1, 0)));
    }

    @Test
    void anUnknownBuiltInNameIsAProgrammingError() {
        assertThatThrownBy(() -> Policies.builtIn("spread"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("\"spread\"").hasMessageContaining("balance, consolidate");
    }

    @Test
    void resolvesABuiltInByName() throws Exception {
        assertThat(Policies.resolve("consolidate")).isEqualTo(Policies.builtIn("consolidate"));
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

        Policy policy = Policies.resolve(file.toString());

        assertThat(policy.name()).isEqualTo("night");
        assertThat(policy.maxMigrations()).isEqualTo(10);
    }

    @Test
    void resolvesTheDocumentedExample() throws Exception {
        assertThat(Policies.resolve(Path.of("..", "docs", "examples", "policy.yaml").toString()).name())
                .isEqualTo("night-consolidation");
    }

    @Test
    void aMissingFileNamesItAndTheBuiltIns() {
        assertThatThrownBy(() -> Policies.resolve("balanse"))
                .isInstanceOfSatisfying(InputException.class, e -> {
                    assertThat(e.source()).isEqualTo("balanse");
                    assertThat(e.problems()).containsExactly(new Problem("(file)",
                            "no such file, and not a built-in policy (balance, consolidate)"));
                });
    }

    @Test
    void anInvalidFileIsBadInputNamingTheFieldAndTheFile(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("bad.yaml"), "apiVersion: ballast/v1\nkind: Policy\nname: x\n");

        assertThatThrownBy(() -> Policies.resolve(file.toString()))
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
