package dev.ballast.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.scheduler.SolverSettings;
import dev.ballast.whatif.Answer;
import dev.ballast.whatif.HostLoss;
import dev.ballast.whatif.WhatIfAnswers;
import dev.ballast.whatif.WhatIfProgress;
import dev.ballast.whatif.WhatIfRunner;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The what-if suite run on a tiny cluster, to prove it works (its speed is what the full-size
 * run in docs/benchmarks.md measures): the figures it reports are the answers the what-if
 * runner gives for the same cluster, and they reach the table and the JSON.
 */
class WhatIfSuiteTest {

    private static final long SEED = 3;
    /** 30 hosts whose memory is cut tight: some losses strand VMs, some do not. */
    private static final BenchCase TINY = WhatIfSuite.answering("30-hosts-450-vms-memory-tight",
            () -> WhatIfSuite.tight(30, 450, SEED));

    @Test
    void theSuiteAsksFailAnyAndFitMoreOfThreeClustersOfAThousandHosts() throws Exception {
        List<BenchCase> cases = Suites.select(List.of("what-if"), 1, null);
        assertThat(cases).extracting(BenchCase::name).containsExactly("1000-hosts-20000-vms",
                "1000-hosts-15000-vms-memory-tight", "1000-hosts-15000-vms-memory-tighter");
        assertThat(cases).allSatisfy(c -> {
            assertThat(c.whatIf().cases()).extracting(question -> question.name())
                    .containsExactly("lose-any-host", "capacity");
            assertThat(c.policy().name()).isEqualTo("balance");
            assertThat(c.timeLimit()).isEqualTo(Duration.ofSeconds(10));
        });
    }

    @Test
    void aTinyClusterReportsTheRunnersOwnAnswers() throws Exception {
        CaseResult result = new CaseRunner(Duration.ofSeconds(2), SEED).run(TINY);

        ClusterSnapshot cluster = TINY.cluster().load();
        WhatIfAnswers direct = new WhatIfRunner(SolverSettings.DEFAULT.withTimeLimit(Duration.ofSeconds(2))
                .withSeed(SEED), Clock.systemUTC(), WhatIfProgress.NONE).run(cluster, TINY.whatIf(), TINY.policy(), Map.of());
        Answer.Fail fail = (Answer.Fail) direct.answers().get(0);
        Answer.FitMore fitMore = (Answer.FitMore) direct.answers().get(1);
        int active = (int) cluster.hosts().stream().filter(Host::isActive).count();
        int lost = (int) fail.hosts().stream().filter(h -> !h.absorbable()).count();
        // Absorbed beyond the free room: other VMs moved, greedily or by the planner.
        int byMoving = (int) fail.hosts().stream().filter(HostLoss::absorbable).filter(h -> h.othersMoved() > 0).count();

        assertThat(result.valid()).isTrue();
        assertThat(result.inTime()).isTrue();
        assertThat(result.error()).isNull();
        assertThat(result.hosts()).isEqualTo(30);
        assertThat(result.vms()).isEqualTo(450);
        WhatIfFigures figures = result.whatIf();
        assertThat(figures.hostsFailed()).isEqualTo(active);
        // The tight cluster is built so that some losses are absorbed in the free room and some
        // only by moving other VMs out of the way (all of them, at this size).
        assertThat(byMoving).isBetween(1, active - 1);
        assertThat(figures.verdict()).isEqualTo(figures.notAbsorbable() == 0 ? "ok" : "not-ok");
        assertThat(figures.fitMore()).isEqualTo(fitMore.count());
        // The greedy check is deterministic; which of the losses it strands the planner absorbs
        // within its second may vary with the machine's load, so the two are compared summed.
        assertThat(figures.notAbsorbable() + figures.absorbedByPlanner() + figures.absorbedMovingOthers())
                .isEqualTo(lost + byMoving);
        // Two seconds shared, a second each at least: at most two runs, and each loss the planner
        // absorbed took one.
        assertThat(figures.plannerRuns()).isBetween(figures.absorbedByPlanner(), 2);
        assertThat(figures.caseSeconds()).containsOnlyKeys("lose-any-host", "capacity");
        assertThat(figures.caseSeconds().values().stream().mapToDouble(Double::doubleValue).sum())
                .isLessThanOrEqualTo(result.wallSeconds());
        assertThat(result.peakHeapMiB()).isPositive();

        RunInfo info = RunInfo.here(java.time.Instant.now(), List.of(TINY.id()), "2s", SEED);
        JsonNode json = new ObjectMapper().readTree(ResultsWriter.json(info, List.of(result))).at("/cases/0/whatIf");
        assertThat(json.get("notAbsorbable").asInt()).isEqualTo(figures.notAbsorbable());
        assertThat(json.get("plannerRuns").asInt()).isEqualTo(figures.plannerRuns());
        assertThat(json.get("fitMore").asInt()).isEqualTo(fitMore.count());
        String table = MarkdownTable.of(List.of(result));
        assertThat(table.lines().findFirst().orElseThrow()).contains("| not absorbable | planner runs | fit more |");
        assertThat(table.lines().skip(2).findFirst().orElseThrow())
                .contains("| " + figures.notAbsorbable() + " | " + figures.plannerRuns() + " | " + fitMore.count() + " |");
    }
}
