package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Migration;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.PlanSummary;
import dev.ballast.model.Placement;
import dev.ballast.model.Resource;
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
                List.of(new Migration("vm-2", "host-c", "host-b"), new Migration("vm-1", null, "host-a")),
                List.of("host-c"), summary);
    }

    private static PlanSummary summary() {
        Utilisation before = new Utilisation(0.123456, 1.0 / 3, 0.05);
        Utilisation after = new Utilisation(0.5, 0.25, 0);
        return new PlanSummary(3, 2, 540.04, 360, 180.04,
                Map.of(Resource.CPU, new PlanSummary.Change(before, after),
                        Resource.MEMORY, new PlanSummary.Change(before, after),
                        Resource.NETWORK, new PlanSummary.Change(before, after)),
                1, 1, 32.06);
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
                      "vm": "vm-2",
                      "from": "host-c",
                      "to": "host-b"
                    },
                    {
                      "vm": "vm-1",
                      "from": null,
                      "to": "host-a"
                    }
                  ],
                  "hostsToPowerOff": [
                    "host-c"
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
                    "utilisation": {
                      "cpu": {
                        "before": {
                          "max": 0.1235,
                          "mean": 0.3333,
                          "stdDev": 0.05
                        },
                """);
        assertThat(json).contains("\"memory\": {", "\"network\": {").endsWith("}\n");
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
        List<Migration> steps = List.of(new Migration("vm-010", null, "host-02"),
                new Migration("vm-007", "host-03", "host-02"));
        MigrationPlan plan = new MigrationPlan("balance", "0hard/0soft", target, steps, List.of(),
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
        assertThat(read.steps()).hasSize(2);
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
}
