package dev.ballast.scheduler;

import java.time.Duration;

/**
 * How a search stands when it finds a better placement, for a person watching a long run: the
 * time spent against the limit, the best score so far, and what that placement would mean.
 *
 * @param elapsed   time since the plan was asked for
 * @param limit     the plan's time limit
 * @param bestScore the best placement's score, e.g. {@code 0hard/-35063soft}
 * @param hostsUsed hosts holding at least one VM in the best placement
 * @param moves     VMs the best placement puts elsewhere than they run now
 */
public record SearchProgress(Duration elapsed, Duration limit, String bestScore, int hostsUsed, int moves) {
}
