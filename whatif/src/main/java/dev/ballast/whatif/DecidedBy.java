package dev.ballast.whatif;

/**
 * What decided a host loss's verdict, so that a reader knows how far to trust it: an absorbable
 * loss is always shown by a placement checked against every hard rule; a loss reported not
 * absorbable is certain only when {@link #PROOF} decided it.
 */
public enum DecidedBy {
    /** The greedy restart into the free room: every VM placed, or (not absorbable) no more was tried. */
    GREEDY("greedy"),
    /** The greedy restart after moving a few other VMs out of the way, each move checked. */
    MOVING_OTHERS("moving-others"),
    /** A necessary condition failed: no placement exists, whatever moves; the planner was not asked. */
    PROOF("proof"),
    /** The planner was asked: its plan absorbs the loss, or it found none within its share of the time. */
    PLANNER("planner");

    private final String key;

    DecidedBy(String key) {
        this.key = key;
    }

    /** As written in answers: {@code greedy}, {@code moving-others}, {@code proof}, {@code planner}. */
    public String key() {
        return key;
    }
}
