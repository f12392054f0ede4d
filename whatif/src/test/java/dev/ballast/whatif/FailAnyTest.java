package dev.ballast.whatif;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.Limits;
import dev.ballast.model.Policy;
import dev.ballast.model.WhatIf;
import dev.ballast.model.WhatIfCase;
import dev.ballast.scheduler.SolverSettings;
import dev.ballast.scheduler.goals.Goals;
import dev.ballast.simulator.ClusterGenerator;
import dev.ballast.simulator.TightMemory;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * {@code fail: any} on a 200-host cluster, checked verdict by verdict against
 * {@link IndependentFirstFit}: a host whose VMs first fit can re-place is reported absorbable,
 * every restart reported keeps the rules, and a host reported lost names its stranded VMs and
 * what they are short of.
 */
class FailAnyTest {

    /**
     * A generated cluster of 200 hosts with anti-affinity groups, each host's memory cut down to
     * what its VMs use plus a little room under the 95% limit: 0, 2, 4 or 8 GiB by turns. Losing a
     * light host is absorbed in the free room, most others once a few VMs move out of the way,
     * and losing a host whose VMs are large, or many, strands some even so.
     */
    private static final ClusterSnapshot CLUSTER = TightMemory.cut(ClusterGenerator.generate(
            new ClusterGenerator.Options(200, 3_000, 0.7, 0.5, 6, 7)), 0.95, 0, 2, 4, 8);
    private static final Policy POLICY = new Policy("balance", new Limits(0.85, 0.95, 0.8), null,
            Goals.registry().named("balance").defaults());

    @Test
    void everyVerdictAgreesWithAnIndependentFirstFit() {
        List<Integer> seen = new ArrayList<>();
        WhatIfProgress progress = new WhatIfProgress() {
            @Override
            public void hostsDone(int done, int hosts) {
                seen.add(done);
            }
        };
        WhatIfAnswers answers = new WhatIfRunner(SolverSettings.DEFAULT.withTimeLimit(Duration.ofSeconds(2)).withSeed(1L),
                Clock.systemUTC(), progress).run(CLUSTER, new WhatIf("balance",
                        List.of(new WhatIfCase.Fail("lose-any-host", List.of(), true))), POLICY, Map.of());
        Answer.Fail fail = (Answer.Fail) answers.answers().get(0);
        IndependentFirstFit firstFit = new IndependentFirstFit(CLUSTER, POLICY.limits());

        List<Host> active = firstFit.activeHosts();
        assertThat(fail.hosts()).extracting(HostLoss::host).containsExactlyElementsOf(active.stream().map(Host::name).toList());
        assertThat(seen).hasSize(active.size()).endsWith(active.size());
        int lost = 0;
        for (HostLoss loss : fail.hosts()) {
            Set<String> failed = Set.of(loss.host());
            Map<String, String> byFirstFit = firstFit.place(failed);
            if (byFirstFit != null) {
                assertThat(loss.absorbable()).as(loss.host() + ": first fit re-places its VMs: " + byFirstFit).isTrue();
            }
            if (loss.absorbable() && loss.decidedBy() != DecidedBy.PLANNER) {
                assertThat(firstFit.valid(failed, loss.moves(), loss.restarts()))
                        .as(loss.host() + ": moves " + loss.moves() + ", then restarts " + loss.restarts()).isTrue();
            }
            if (!loss.absorbable()) {
                lost++;
                assertThat(byFirstFit).as(loss.host()).isNull();
                assertThat(loss.stranded()).as(loss.host()).isNotEmpty();
                assertThat(loss.shortOf()).as(loss.host()).isIn("cpu", "memory", "network", "anti-affinity",
                        "affinity", "storage", "bridges");
            }
        }
        System.out.printf("fail: any over %d hosts: %d cannot be absorbed; decided by %s%n", active.size(), lost,
                fail.decidedBy());
        // The cluster is built so that the check is tested both ways.
        assertThat(lost).as("hosts whose loss cannot be absorbed").isBetween(1, active.size() - 1);
        assertThat(fail.verdict()).isEqualTo(Verdict.NOT_OK);
    }
}
