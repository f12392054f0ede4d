package dev.ballast.whatif;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.WhatIf;
import dev.ballast.model.WhatIfCase;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What a scenario asks that the snapshot cannot answer: a host it names that the snapshot lacks,
 * or one that holds nothing to fail or evacuate (standby). Each problem names the scenario file
 * and the field, as the readers do: {@code scenario.yaml: cases[1].fail[0]: no host "host-99" in
 * snapshot.yaml}.
 */
public final class ScenarioCheck {

    private ScenarioCheck() {
    }

    public static List<String> problems(WhatIf scenario, String scenarioFile, ClusterSnapshot snapshot,
            String snapshotFile) {
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < scenario.cases().size(); i++) {
            WhatIfCase question = scenario.cases().get(i);
            String field = "cases[" + i + "].";
            if (question instanceof WhatIfCase.Fail fail) {
                check(problems, scenarioFile, field + "fail", fail.hosts(), snapshot, snapshotFile);
            } else if (question instanceof WhatIfCase.Maintenance maintenance) {
                check(problems, scenarioFile, field + "maintenance", maintenance.hosts(), snapshot, snapshotFile);
            }
        }
        return problems;
    }

    private static void check(List<String> problems, String scenarioFile, String field, List<String> hosts,
            ClusterSnapshot snapshot, String snapshotFile) {
        for (int j = 0; j < hosts.size(); j++) {
            String where = scenarioFile + ": " + field + "[" + j + "]: ";
            Optional<Host> host = snapshot.host(hosts.get(j));
            if (host.isEmpty()) {
                problems.add(where + "no host \"" + hosts.get(j) + "\" in " + snapshotFile);
            } else if (host.get().state() == HostState.STANDBY) {
                problems.add(where + "host \"" + hosts.get(j) + "\" is standby in " + snapshotFile
                        + ": it runs nothing that could fail or be evacuated");
            }
        }
    }
}
