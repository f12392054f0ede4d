package dev.ballast.scheduler.goals.balance;

/**
 * Balance's migration threshold, after DRS's: level 1 makes only the moves the limits demand
 * (what {@code relieve} does); each level above also takes a move when it evens the load out by
 * at least the level's threshold, lower for a higher level.
 *
 * <p>What a move evens out is what it takes off the sum, over the active hosts and the three
 * resources, of each host's squared utilisation, weighted by the host's capacity over the mean
 * host's: with the total load fixed, that sum is the hosts' variance around the mean, times
 * their number, plus a constant. A VM using a share {@code v} of a host's CPU, moved from a host
 * at {@code a} to one at {@code b} of the same size, takes {@code 2v(a - b - v)} off it: a VM of
 * 10% moved from a host at 60% to one at 20% takes off 0.06, and a move that does not narrow the
 * gap takes off nothing. Thresholds (see {@code docs/policy.md} for what each did):
 *
 * <table>
 *   <caption>threshold per move</caption>
 *   <tr><th>level</th><th>a move must take off</th></tr>
 *   <tr><td>1</td><td>only moves the limits demand</td></tr>
 *   <tr><td>2</td><td>{@value #LEVEL_2}</td></tr>
 *   <tr><td>3 (default)</td><td>{@value #LEVEL_3}</td></tr>
 *   <tr><td>4</td><td>{@value #LEVEL_4}</td></tr>
 *   <tr><td>5</td><td>{@value #LEVEL_5}</td></tr>
 * </table>
 *
 * A move copying much memory must gain more: the threshold grows by its own size for every
 * {@value #GIB_PER_THRESHOLD} GiB the VM holds, times {@code weights.migration}. The threshold
 * is the price of the move in the solver's score, so the search takes exactly the moves that pay it.
 */
final class Aggressiveness {

    static final int LEAST = 1;
    static final int DEFAULT = 3;
    static final int MOST = 5;

    static final double LEVEL_2 = 0.08;
    static final double LEVEL_3 = 0.04;
    static final double LEVEL_4 = 0.02;
    static final double LEVEL_5 = 0.005;
    static final double GIB_PER_THRESHOLD = 32;

    private Aggressiveness() {
    }

    /** What a move must take off the weighted sum of squared utilisation at this level, for a VM of no memory. */
    static double threshold(int level) {
        return switch (level) {
            case 2 -> LEVEL_2;
            case 3 -> LEVEL_3;
            case 4 -> LEVEL_4;
            case 5 -> LEVEL_5;
            default -> throw new IllegalArgumentException("level 1 has no threshold: it moves only what it must");
        };
    }

    /** The threshold for a VM of this memory: larger VMs must gain more. */
    static double threshold(int level, long memoryMiB, double migrationWeight) {
        return threshold(level) * (1 + migrationWeight * memoryMiB / 1024.0 / GIB_PER_THRESHOLD);
    }
}
