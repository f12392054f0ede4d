package dev.ballast.service.power;

import dev.ballast.executor.RunEvent;
import dev.ballast.executor.RunListener;
import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.PowerOff;
import dev.ballast.model.PowerOn;
import dev.ballast.service.store.PowerSwitches;
import dev.ballast.service.store.PowerSwitches.Switch;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * What the service remembers of the hosts its plans switched off and on: it records each power
 * step done, gives the snapshots it takes each host's {@code poweredOnAt} (for the policy's
 * {@code powerCooldown}), and works out the energy saved, from each host's idle watts and the
 * time it stayed off. A host switched by hand, or by {@code ballast apply}, is not known here.
 */
public final class PowerHistory {

    private static final double JOULES_PER_KWH = 3.6e6;

    private final PowerSwitches switches;

    public PowerHistory(PowerSwitches switches) {
        this.switches = switches;
    }

    /** The snapshot with each host the service switched on given when it last did. */
    public ClusterSnapshot marked(ClusterSnapshot snapshot) {
        Map<String, Instant> on = switches.lastSwitchedOn();
        if (on.isEmpty()) {
            return snapshot;
        }
        return new ClusterSnapshot(snapshot.hosts().stream()
                .map(h -> on.containsKey(h.name()) ? h.withPoweredOnAt(on.get(h.name())) : h).toList(),
                snapshot.vms(), snapshot.groups());
    }

    /**
     * Records each power step a run completes; the host's idle watts are those of the newest
     * snapshot ({@link Host#ASSUMED_IDLE_WATTS} when it gives none).
     */
    public RunListener listener(Supplier<Optional<ClusterSnapshot>> latest) {
        return event -> {
            if (event instanceof RunEvent.StepDone done
                    && (done.step() instanceof PowerOff || done.step() instanceof PowerOn)) {
                String host = done.step().host();
                double watts = latest.get().flatMap(s -> s.host(host)).map(Host::idleWatts)
                        .orElse(Host.ASSUMED_IDLE_WATTS);
                switches.record(host, done.step() instanceof PowerOn, done.at(), watts);
            }
        };
    }

    /** The energy saved in [{@code from}, {@code to}]: each host's idle watts times the time it spent off. */
    public Energy saved(Instant from, Instant to) {
        List<Switch> all = switches.until(to);
        Map<String, Switch> offSince = new HashMap<>();
        double joules = 0;
        for (Switch s : all) {
            Switch off = offSince.remove(s.host());
            if (s.on()) {
                if (off != null) {
                    joules += joules(off, s.at(), from, to);
                }
            } else {
                offSince.put(s.host(), off != null ? off : s);
            }
        }
        double wattsOff = 0;
        for (Switch off : offSince.values()) {
            joules += joules(off, to, from, to);
            wattsOff += off.idleWatts();
        }
        return new Energy(joules / JOULES_PER_KWH, wattsOff, offSince.size());
    }

    private static double joules(Switch off, Instant until, Instant from, Instant to) {
        Instant start = off.at().isAfter(from) ? off.at() : from;
        Instant end = until.isBefore(to) ? until : to;
        return end.isAfter(start) ? off.idleWatts() * Duration.between(start, end).toMillis() / 1000.0 : 0;
    }

    /**
     * The energy saved over a window.
     *
     * @param kWh       kilowatt-hours saved in the window
     * @param wattsOff  the idle watts of the hosts the service had switched off at the window's end
     * @param hostsOff  how many hosts those are
     */
    public record Energy(double kWh, double wattsOff, int hostsOff) {
    }
}
