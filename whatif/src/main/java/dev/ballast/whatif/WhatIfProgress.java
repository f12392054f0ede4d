package dev.ballast.whatif;

import dev.ballast.scheduler.SearchProgress;

/** What a long what-if run tells a person watching it; every method does nothing by default. */
public interface WhatIfProgress {

    WhatIfProgress NONE = new WhatIfProgress() { };

    /** Case {@code index} (from 1) of {@code cases} begins. */
    default void caseStarted(String name, int index, int cases) {
    }

    /** {@code fail: any}: the hosts whose loss is decided so far. */
    default void hostsDone(int done, int hosts) {
    }

    /**
     * The planner is asked for a plan: a loss the greedy check could not absorb, an evacuation,
     * growth, a policy compared. Benchmarks count these runs: they are what takes the time.
     */
    default void planning() {
    }

    /** A plan's search found a better placement. */
    default void search(SearchProgress progress) {
    }
}
