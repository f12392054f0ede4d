package dev.ballast.service.power;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Resources;
import dev.ballast.service.store.LoadHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The load a wake job makes room for: for each resource the highest of the load now and the
 * highest recorded in the coming hour the day before (a job at 06:30 reads 06:30-07:30 of the day
 * before), as the day before is the best guess the service's own history gives of the morning
 * to come. Unknown when nothing was recorded then.
 */
public final class WakeForecast {

    private static final Duration DAY = Duration.ofDays(1);
    private static final Duration HOUR = Duration.ofHours(1);

    private final LoadHistory history;

    public WakeForecast(LoadHistory history) {
        this.history = history;
    }

    /** The load of the cluster's VMs now: CPU and network demand and memory, summed over the VMs that run. */
    public static Resources loadOf(ClusterSnapshot snapshot) {
        return snapshot.currentPlacement().loadByHost(snapshot).values().stream()
                .reduce(Resources.ZERO, Resources::plus);
    }

    /** Keeps the snapshot's load, taken at {@code at}, for the forecasts of the days to come. */
    public void record(Instant at, ClusterSnapshot snapshot) {
        history.record(at, loadOf(snapshot));
    }

    /** The load to make room for at {@code now}, or empty when nothing was recorded for the coming hour yesterday. */
    public Optional<Resources> at(Instant now, ClusterSnapshot snapshot) {
        Resources current = loadOf(snapshot);
        Instant yesterday = now.minus(DAY);
        return history.peak(yesterday, yesterday.plus(HOUR)).map(then -> new Resources(
                Math.max(then.cpu(), current.cpu()), Math.max(then.memoryMiB(), current.memoryMiB()),
                Math.max(then.networkMbps(), current.networkMbps())));
    }
}
