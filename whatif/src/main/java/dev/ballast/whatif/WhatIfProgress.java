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

    /** A plan's search found a better placement. */
    default void search(SearchProgress progress) {
    }
}
