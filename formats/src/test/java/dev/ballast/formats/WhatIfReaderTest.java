package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.ballast.model.Demand;
import dev.ballast.model.VmShape;
import dev.ballast.model.WhatIf;
import dev.ballast.model.WhatIfCase;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Reading a WhatIf scenario: every kind of case, and every problem of a bad one at once. */
class WhatIfReaderTest {

    @Test
    void theExampleReadsEveryKindOfCase() throws InputException {
        WhatIf scenario = WhatIfReader.read(Examples.DOCS.resolve("what-if.yaml"));

        assertThat(scenario.policy()).isEqualTo("balance");
        assertThat(scenario.cases()).containsExactly(
                new WhatIfCase.Fail("lose-any-host", List.of(), true),
                new WhatIfCase.Fail("lose-host-01", List.of("host-01"), false),
                new WhatIfCase.Maintenance("weekend", List.of("host-02")),
                new WhatIfCase.Grow("growth", 1.2, 1.0, 1.1),
                new WhatIfCase.Add("new-tenant", 4, new VmShape(4, 8192, new Demand(1.0, 0), "nfs-vms", Set.of("virbr0"))),
                new WhatIfCase.FitMore("capacity", new VmShape(8, 32768, new Demand(2, 0), null, Set.of("virbr0"))),
                new WhatIfCase.Compare("compare", List.of("relieve", "balance", "consolidate")));
    }

    @Test
    void everyProblemIsReportedWithItsPath() {
        InputException e = catchThrowableOfType(InputException.class, () -> WhatIfReader.parse("""
                apiVersion: ballast/v1
                kind: WhatIf
                cases:
                  - {fail: any}
                  - {name: grow, grow: {cpu: -1, disk: 2}}
                  - {name: add, add: {count: 2, vm: {vcpus: 0, memoryMiB: 1024, demand: {cpu: 1}}}}
                """, "scenario.yaml"));

        assertThat(e.problems()).extracting(Problem::toString).containsExactly(
                "cases[0].name: required",
                "cases[1].grow.disk: unknown field (known: cpu, memory, network)",
                "cases[1].grow.cpu: must be > 0 and <= 100, got -1",
                "cases[2].add.vm.vcpus: must be > 0, got 0");
    }
}
