package dev.ballast.whatif;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Policy;
import java.util.List;

/** Every answer of one run of a scenario, with the snapshot and policy they were asked of. */
public record WhatIfAnswers(ClusterSnapshot snapshot, Policy policy, List<Answer> answers) {

    public WhatIfAnswers {
        answers = List.copyOf(answers);
    }

    /** True when every case's verdict is ok. */
    public boolean allOk() {
        return answers.stream().allMatch(a -> a.verdict() == Verdict.OK);
    }
}
