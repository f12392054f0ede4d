package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.model.AfterStep;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.DroppedMove;
import dev.ballast.model.Figure;
import dev.ballast.model.Unresolved;
import dev.ballast.model.Migration;
import dev.ballast.model.PowerOff;
import dev.ballast.model.PowerOn;
import dev.ballast.model.Reason;
import dev.ballast.model.StartVm;
import dev.ballast.model.Step;
import dev.ballast.model.Term;
import dev.ballast.model.MigrationEstimate;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.PlanSummary;
import dev.ballast.model.Placement;
import dev.ballast.model.Resource;
import dev.ballast.model.Shares;
import dev.ballast.model.Utilisation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanFormatTest {

    private static MigrationPlan plan(PlanSummary summary) {
        Map<String, String> placement = new LinkedHashMap<>();
        placement.put("vm-2", "host-b");
        placement.put("vm-1", "host-a");
        return new MigrationPlan("consolidate", "0hard/-12soft", new Placement(placement),
                List.of(new Migration("vm-2", "host-c", "host-b"), new StartVm("vm-1", "host-a"), new PowerOff("host-c")),
                summary);
    }

    /** A plan whose steps carry what the planner adds: estimates, a detour, a migration that does not converge. */
    private static MigrationPlan estimatedPlan() {
        Map<String, String> placement = new LinkedHashMap<>();
        placement.put("vm-1", "host-b");
        placement.put("vm-2", "host-a");
        List<Step> steps = List.of(
                new Migration("vm-1", "host-a", "host-c", true, new MigrationEstimate(12.34, 45.4, 3, true)),
                new Migration("vm-2", "host-b", "host-a", false, new MigrationEstimate(95.06, 310.6, 30, false)),
                new Migration("vm-1", "host-c", "host-b", false, new MigrationEstimate(12.3, 44.5, 3, true)));
        return new MigrationPlan("balance", "0hard/-3soft", new Placement(placement), steps,
                summary(119.7, 1, List.of(new DroppedMove("vm-3", "host-a", "host-b", "cycle with vm-4"),
                        new DroppedMove("vm-5", null, "host-c", "host-c has no room in any order"))));
    }

    private static PlanSummary summary() {
        return summary(0, 0, List.of());
    }

    private static PlanSummary summary(double seconds, int detours, List<DroppedMove> dropped) {
        Utilisation before = new Utilisation(0.123456, 1.0 / 3, 0.05);
        Utilisation after = new Utilisation(0.5, 0.25, 0);
        return new PlanSummary(3, 2, 540.04, 360, 180.04,
                Map.of(Resource.CPU, new PlanSummary.Change(before, after),
                        Resource.MEMORY, new PlanSummary.Change(before, after),
                        Resource.NETWORK, new PlanSummary.Change(before, after)),
                1, 1, 32.06, seconds, detours, dropped);
    }

    @Test
    void writesFieldsInTheDocumentedOrderWithRoundedFigures() {
        String json = PlanWriter.toJson(plan(summary()));

        assertThat(json).startsWith("""
                {
                  "apiVersion": "ballast/v1",
                  "kind": "MigrationPlan",
                  "policy": "consolidate",
                  "score": "0hard/-12soft",
                  "placement": {
                    "vm-2": "host-b",
                    "vm-1": "host-a"
                  },
                  "steps": [
                    {
                      "action": "migrate",
                      "vm": "vm-2",
                      "from": "host-c",
                      "to": "host-b"
                    },
                    {
                      "action": "start",
                      "vm": "vm-1",
                      "to": "host-a"
                    },
                    {
                      "action": "power-off",
                      "host": "host-c"
                    }
                  ],
                  "summary": {
                    "hostsUsedBefore": 3,
                    "hostsUsedAfter": 2,
                    "powerOnBeforeWatts": 540.0,
                    "powerOnAfterWatts": 360.0,
                    "powerSavedWatts": 180.0,
                    "migrations": 1,
                    "newVmsPlaced": 1,
                    "gibToMove": 32.1,
                    "estimatedSeconds": 0.0,
                    "detours": 0,
                    "utilisation": {
                      "cpu": {
                        "before": {
                          "max": 0.1235,
                          "mean": 0.3333,
                          "stdDev": 0.05
                        },
                """);
        assertThat(json).contains("\"memory\": {", "\"network\": {").endsWith("""
                    "dropped": [ ]
                  }
                }
                """);
    }

    @Test
    void writesEstimatesRoundedAndFlagsOnlyWhenTheyAreUnusual() {
        String json = PlanWriter.toJson(estimatedPlan());

        assertThat(json).contains("""
                    {
                      "action": "migrate",
                      "vm": "vm-1",
                      "from": "host-a",
                      "to": "host-c",
                      "detour": true,
                      "estimatedSeconds": 12.3,
                      "estimatedDowntimeMs": 45,
                      "preCopyRounds": 3
                    },
                    {
                      "action": "migrate",
                      "vm": "vm-2",
                      "from": "host-b",
                      "to": "host-a",
                      "estimatedSeconds": 95.1,
                      "estimatedDowntimeMs": 311,
                      "preCopyRounds": 30,
                      "converges": false
                    },
                """);
        assertThat(json).contains("""
                    "estimatedSeconds": 119.7,
                    "detours": 1,
                """);
        assertThat(json).contains("""
                    "dropped": [
                      {
                        "vm": "vm-3",
                        "from": "host-a",
                        "to": "host-b",
                        "reason": "cycle with vm-4"
                      },
                """);
    }

    @Test
    void readsBackEstimatesDetoursAndDroppedMoves() throws Exception {
        MigrationPlan plan = estimatedPlan();

        MigrationPlan read = PlanReader.parse(PlanWriter.toJson(plan), "plan.json");

        assertThat(read.steps()).containsExactly(
                new Migration("vm-1", "host-a", "host-c", true, new MigrationEstimate(12.3, 45, 3, true)),
                new Migration("vm-2", "host-b", "host-a", false, new MigrationEstimate(95.1, 311, 30, false)),
                new Migration("vm-1", "host-c", "host-b", false, new MigrationEstimate(12.3, 45, 3, true)));
        assertThat(read.summary().estimatedSeconds()).isEqualTo(119.7);
        assertThat(read.summary().detours()).isEqualTo(1);
        assertThat(read.summary().dropped()).isEqualTo(plan.summary().dropped());
    }

    @Test
    void aSummaryWithoutTheEstimateFiguresReadsAsNoneOfThem() throws Exception {
        String json = PlanWriter.toJson(plan(summary()))
                .replace("\"estimatedSeconds\": 0.0,", "").replace("\"detours\": 0,", "")
                .replace(",\n    \"dropped\": [ ]", "");

        PlanSummary read = PlanReader.parse(json, "old-plan.json").summary();

        assertThat(json).doesNotContain("dropped", "detours", "estimated");
        assertThat(read.estimatedSeconds()).isZero();
        assertThat(read.detours()).isZero();
        assertThat(read.dropped()).isEmpty();
    }

    @Test
    void aHalfGivenEstimateOrABadDroppedMoveIsReportedAtItsPath() {
        String text = """
                {"apiVersion": "ballast/v1", "kind": "MigrationPlan", "policy": "balance", "placement": {},
                 "steps": [{"vm": "vm-1", "from": "a", "to": "b", "estimatedSeconds": 3, "converges": "no"},
                           {"vm": "vm-2", "from": "a", "to": "b", "detour": 1}],
                 "summary": {"hostsUsedBefore": 1, "hostsUsedAfter": 1, "powerOnBeforeWatts": 1,
                   "powerOnAfterWatts": 1, "powerSavedWatts": 0, "migrations": 2, "newVmsPlaced": 0,
                   "gibToMove": 1, "estimatedSeconds": -1, "detours": 0.5,
                   "utilisation": {}, "dropped": [{"vm": "vm-3", "to": "b", "why": "x"}]}}
                """;

        assertThatThrownBy(() -> PlanReader.parse(text, "edited-plan.json"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.problems())
                        .extracting(Problem::toString)
                        .contains("steps[0].estimatedDowntimeMs: required", "steps[0].preCopyRounds: required",
                                "steps[0].converges: expected true or false, got \"no\"",
                                "steps[1].detour: expected true or false, got 1",
                                "summary.estimatedSeconds: must be >= 0, got -1",
                                "summary.detours: expected an integer, got 0.5",
                                "summary.dropped[0].reason: required")
                        .anyMatch(p -> p.startsWith("summary.dropped[0].why: unknown field")));
    }

    @Test
    void readsBackWhatItWrites() throws Exception {
        MigrationPlan plan = plan(summary());

        MigrationPlan read = PlanReader.parse(PlanWriter.toJson(plan), "plan.json");

        assertThat(read.placement()).isEqualTo(plan.placement());
        assertThat(read.placement().hostOfVm().keySet()).containsExactly("vm-2", "vm-1");
        assertThat(read.steps()).isEqualTo(plan.steps());
        assertThat(read.hostsToPowerOff()).isEqualTo(plan.hostsToPowerOff());
        assertThat(read.summary().utilisation().get(Resource.MEMORY).before().mean()).isEqualTo(0.3333);
        assertThat(read.summary().gibToMove()).isEqualTo(32.1);
    }

    @Test
    void roundTripsASummaryComputedFromTheExample(@TempDir Path dir) throws Exception {
        ClusterSnapshot snapshot = SnapshotReader.read(Examples.SNAPSHOT);
        Placement target = snapshot.currentPlacement().with("vm-010", "host-02").with("vm-007", "host-02");
        List<Step> steps = List.of(new StartVm("vm-010", "host-02"),
                new Migration("vm-007", "host-03", "host-02"));
        MigrationPlan plan = new MigrationPlan("balance", "0hard/0soft", target, steps,
                PlanSummary.of(snapshot, target, steps));
        Path file = Files.writeString(dir.resolve("plan.json"), PlanWriter.toJson(plan));

        MigrationPlan read = PlanReader.read(file);

        assertThat(read.summary().migrations()).isEqualTo(1);
        assertThat(read.summary().newVmsPlaced()).isEqualTo(1);
        assertThat(read.summary().gibToMove()).isEqualTo(8.0);
        assertThat(read.steps()).isEqualTo(steps);
    }

    @Test
    void aPlanWithoutSummaryReadsWithNone() throws Exception {
        MigrationPlan read = PlanReader.parse(PlanWriter.toJson(plan(null)), "plan.json");

        assertThat(read.summary()).isNull();
        assertThat(read.steps()).hasSize(3);
    }

    @Test
    void readsBackTheGoalsEfficacyFigures() throws Exception {
        PlanSummary withFigures = summary().withEfficacy(List.of(new Figure("watts saved", 180.04, "W"),
                new Figure("hosts freed", 1, "")));

        MigrationPlan read = PlanReader.parse(PlanWriter.toJson(plan(withFigures)), "plan.json");

        assertThat(read.summary().efficacy()).containsExactly(new Figure("watts saved", 180.04, "W"),
                new Figure("hosts freed", 1, ""));
    }

    @Test
    void readsBackWhatThePlanLeavesUnresolved() throws Exception {
        List<Unresolved> left = List.of(
                new Unresolved("cpu", "h3", "h3 would use 30.0 of 27.2 cores (85% of 32.0)"),
                new Unresolved(Unresolved.FITS_NOWHERE, "big", "big stays on h3: it needs 30.0 cores"));

        String json = PlanWriter.toJson(plan(summary().withUnresolved(left)));
        MigrationPlan read = PlanReader.parse(json, "plan.json");

        assertThat(json).contains("\"unresolved\"");
        assertThat(read.summary().unresolved()).isEqualTo(left);
        assertThat(PlanWriter.toJson(plan(summary()))).doesNotContain("unresolved");
    }

    @Test
    void readsAPlanWrittenBeforeStepsHadActions() throws Exception {
        String text = """
                {"apiVersion": "ballast/v1", "kind": "MigrationPlan", "policy": "consolidate",
                 "placement": {"vm-1": "host-a", "vm-2": "host-b"},
                 "steps": [{"vm": "vm-1", "from": "host-c", "to": "host-a"},
                           {"vm": "vm-2", "from": null, "to": "host-b"}],
                 "hostsToPowerOff": ["host-c"]}
                """;

        MigrationPlan read = PlanReader.parse(text, "old-plan.json");

        assertThat(read.steps()).containsExactly(new Migration("vm-1", "host-c", "host-a"),
                new StartVm("vm-2", "host-b"), new PowerOff("host-c"));
    }

    @Test
    void readsPowerStepsAndDoesNotRepeatAHostListedTwice() throws Exception {
        String text = """
                {"apiVersion": "ballast/v1", "kind": "MigrationPlan", "policy": "consolidate",
                 "placement": {},
                 "steps": [{"action": "power-on", "host": "host-d"}, {"action": "power-off", "host": "host-c"}],
                 "hostsToPowerOff": ["host-c"]}
                """;

        MigrationPlan read = PlanReader.parse(text, "plan.json");

        assertThat(read.steps()).containsExactly(new PowerOn("host-d"), new PowerOff("host-c"));
    }

    @Test
    void namesTheStepFieldsThatDoNotFitItsAction() {
        String text = """
                {"apiVersion": "ballast/v1", "kind": "MigrationPlan", "policy": "consolidate",
                 "placement": {},
                 "steps": [{"action": "migrate", "vm": "vm-1", "to": "host-a"},
                           {"action": "start", "vm": "vm-2", "from": "host-b", "to": "host-a"},
                           {"action": "power-off", "vm": "vm-3"},
                           {"action": "reboot", "host": "host-a"}]}
                """;

        assertThatThrownBy(() -> PlanReader.parse(text, "plan.json"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path)
                        .contains("steps[0].from", "steps[1].from", "steps[2].vm", "steps[2].host", "steps[3].action"));
    }

    @Test
    void reportsEveryProblemOfABrokenPlan() {
        String text = """
                {"apiVersion": "ballast/v1", "kind": "MigrationPlan",
                 "placement": {"vm-1": 3},
                 "steps": [{"vm": "vm-1", "to": null, "via": "x"}],
                 "summary": {"hostsUsedBefore": -1}}
                """;

        assertThatThrownBy(() -> PlanReader.parse(text, "broken-plan.json"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.problems())
                        .extracting(Problem::path)
                        .contains("policy", "placement.vm-1", "steps[0].via", "steps[0].to",
                                "summary.hostsUsedBefore", "summary.utilisation"));
    }

    /** A plan as the planner writes it now: a reason on every step and the figures after each. */
    private static MigrationPlan explainedPlan() {
        Map<String, String> placement = new LinkedHashMap<>();
        placement.put("vm-2", "host-b");
        placement.put("vm-1", "host-a");
        List<Step> steps = List.of(
                new Migration("vm-2", "host-c", "host-b").withReason(new Reason(
                        "relieves host-c: cpu 91.9% -> 84.2% (limit 85%); empties host-c (180 W off after step 2)",
                        List.of(Term.relieves("host-c", Resource.CPU, 0.9188, 0.8421, 0.85),
                                Term.empties("host-c", 180.0, 2)))),
                new PowerOff("host-c").withReason(new Reason("switches host-c off: 180 W",
                        List.of(Term.powersOff("host-c", 180.0)))),
                new StartVm("vm-1", "host-a").withReason(new Reason("starts vm-1 on host-a",
                        List.of(Term.starts("host-a", "vm-1")))));
        List<AfterStep> after = List.of(
                new AfterStep(3, 0, 180, new Shares(0.8, 0.5, 0.1), new Shares(0.2, 0.1, 0.05)),
                new AfterStep(2, 1, 180, new Shares(0.8, 0.5, 0.1), new Shares(0.2, 0.1, 0.05)),
                new AfterStep(2, 1, 180, new Shares(0.8125, 0.5, 0.1), new Shares(0.25, 0.125, 0.05)));
        PlanSummary base = summary();
        return new MigrationPlan("consolidate", "0hard/-12soft", new Placement(placement), steps,
                new PlanSummary(base.hostsUsedBefore(), base.hostsUsedAfter(), base.powerOnBeforeWatts(),
                        base.powerOnAfterWatts(), base.powerSavedWatts(), base.utilisation(), base.migrations(),
                        base.newVmsPlaced(), base.gibToMove(), base.estimatedSeconds(), base.detours(), base.dropped(),
                        List.of(), List.of(), after));
    }

    @Test
    void writesEachStepsReasonWithTheFieldsOfItsTermsAndTheFiguresAfterEachStepAsColumns() {
        String json = PlanWriter.toJson(explainedPlan());

        assertThat(json).contains("""
                      "to": "host-b",
                      "reason": "relieves host-c: cpu 91.9% -> 84.2% (limit 85%); empties host-c (180 W off after step 2)",
                      "terms": [
                        {
                          "kind": "relieves",
                          "host": "host-c",
                          "resource": "cpu",
                          "before": 0.9188,
                          "after": 0.8421,
                          "limit": 0.85
                        },
                        {
                          "kind": "empties",
                          "host": "host-c",
                          "watts": 180.0,
                          "step": 2
                        }
                      ]
                    },
                """);
        assertThat(json.replaceAll("\\s+", " ")).contains("\"afterEachStep\": { \"hostsUsed\": [ 3, 2, 2 ], "
                + "\"hostsOff\": [ 0, 1, 1 ], \"wattsSaved\": [ 180.0, 180.0, 180.0 ], "
                + "\"hottest\": { \"cpu\": [ 0.8, 0.8, 0.8125 ], \"memory\": [ 0.5, 0.5, 0.5 ], ");
    }

    @Test
    void readsBackReasonsAndTheFiguresAfterEachStep() throws Exception {
        MigrationPlan plan = explainedPlan();

        MigrationPlan read = PlanReader.parse(PlanWriter.toJson(plan), "plan.json");

        assertThat(read.steps()).isEqualTo(plan.steps());
        assertThat(read.summary().afterEachStep()).isEqualTo(plan.summary().afterEachStep());
    }

    @Test
    void aTermOrAFigureListThatIsWrongIsReportedAtItsPath() {
        String json = PlanWriter.toJson(explainedPlan()).replaceAll("\\s+", " ")
                .replace("\"kind\": \"starts\"", "\"kind\": \"teleports\"")
                .replace("\"hostsOff\": [ 0, 1, 1 ]", "\"hostsOff\": [ 0, 1 ]")
                .replace("\"wattsSaved\": [ 180.0, 180.0, 180.0 ]", "\"wattsSaved\": [ 180.0, \"x\", 180.0 ]");

        assertThatThrownBy(() -> PlanReader.parse(json, "edited-plan.json"))
                .isInstanceOfSatisfying(InputException.class, e -> assertThat(e.problems())
                        .extracting(Problem::toString)
                        .contains("summary.afterEachStep.hostsOff: has 2 entries, one per step is 3",
                                "summary.afterEachStep.wattsSaved[1]: expected a number, got \"x\"")
                        .anyMatch(p -> p.startsWith("steps[2].terms[0].kind: unknown value \"teleports\"")));
    }
}
