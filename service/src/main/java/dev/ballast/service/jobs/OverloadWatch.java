package dev.ballast.service.jobs;

import dev.ballast.model.ServiceConfig.Overload;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The overload trigger of one job, fed every collected snapshot (as {@link Excess}): it fires when
 * a host has stayed over a limit for {@code hold}, then holds its fire until it re-arms, when
 * every host is at least {@code clearBelow} under its limits, so that a host hovering at its limit
 * does not fire twice; and never within the job's {@code cooldown} of its last firing (Proxmox
 * waits for an imbalance to last; DRS and the descheduler for a quiet period after acting).
 *
 * <p>Pure and clock-free: the time of each observation is given. Not thread-safe: the collector
 * feeds it from one thread.
 */
public final class OverloadWatch {

    private final Overload trigger;
    private final Duration cooldown;
    /** Since when each host has been over a limit without a break. */
    private final Map<String, Instant> hotSince = new HashMap<>();
    private boolean armed = true;
    private Instant lastFired;

    public OverloadWatch(Overload trigger, Duration cooldown) {
        this.trigger = trigger;
        this.cooldown = cooldown;
    }

    /**
     * @param excess how far each host is over its limits at {@code at} (positive: over)
     * @return why it fires, or empty when it does not
     */
    public Optional<String> observe(Instant at, Map<String, Double> excess) {
        hotSince.keySet().retainAll(excess.keySet());
        excess.forEach((host, over) -> {
            if (over > 0) {
                hotSince.putIfAbsent(host, at);
            } else {
                hotSince.remove(host);
            }
        });
        if (excess.values().stream().allMatch(over -> over <= -trigger.clearBelow())) {
            armed = true;
        }
        if (!armed || (lastFired != null && at.isBefore(lastFired.plus(cooldown)))) {
            return Optional.empty();
        }
        Optional<Map.Entry<String, Instant>> held = hotSince.entrySet().stream()
                .filter(e -> !at.isBefore(e.getValue().plus(trigger.hold())))
                .min(Map.Entry.comparingByValue());
        if (held.isEmpty()) {
            return Optional.empty();
        }
        armed = false;
        lastFired = at;
        String host = held.get().getKey();
        return Optional.of(String.format(Locale.ROOT, "host %s over its limits (by %.1f%% of its capacity) since %s,"
                + " for %s or more", host, excess.get(host) * 100, held.get().getValue(), trigger.hold()));
    }
}
