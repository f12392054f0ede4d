package dev.ballast.service.power;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.Host;
import dev.ballast.model.MigrationPlan;
import dev.ballast.model.Placement;
import dev.ballast.model.PlanSummary;
import dev.ballast.model.Policy;
import dev.ballast.model.PowerOn;
import dev.ballast.model.Reason;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.ServiceConfig.Job;
import dev.ballast.model.Step;
import dev.ballast.model.Term;
import dev.ballast.scheduler.Wakeable;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The plans of a job with {@code policy: wake}: switch on enough standby hosts for the load
 * forecast for the coming hour, so that the hosts that are on hold it within the limits; or, with
 * {@code policy: wake-all}, every standby host. A plan of {@code power-on} steps only, kept for
 * approval or run at once like any other; a host is woken in {@link Wakeable}'s order (the
 * largest first). The limits are those of the policy the job names in {@code limitsOf}, or of the
 * built-in {@code relieve} policy, the one that acts when the hosts run hot ({@code JobPolicies}).
 */
public final class WakePlans {

    /** Wake for the forecast load. */
    public static final String FORECAST = Job.WAKE;
    /** Wake every standby host. */
    public static final String ALL = Job.WAKE_ALL;

    private WakePlans() {
    }

    /** True when a job's {@code policy} names a wake plan rather than a policy. */
    public static boolean names(String policy) {
        return Job.wakes(policy);
    }

    /**
     * @param forecast the load the hosts that are on must hold, or empty when it is not known
     *                 (nothing recorded for that hour): then every standby host is woken
     */
    public static MigrationPlan plan(ClusterSnapshot snapshot, Policy policy, Optional<Resources> forecast) {
        Resources room = Resources.ZERO;
        for (Host host : snapshot.hosts()) {
            if (host.isActive() && !host.isStale()) {
                room = room.plus(host.capacity().scaledBy(policy.limits()));
            }
        }
        List<Step> steps = new ArrayList<>();
        for (Host host : Wakeable.hostsOf(snapshot)) {
            String why;
            if (forecast.isEmpty()) {
                why = "powers on " + host.name() + ": " + (ALL.equals(policy.name()) ? "every standby host is woken"
                        : "no load is recorded for this hour yesterday, so every standby host is woken");
            } else {
                Optional<Resource> lacking = shortOf(room, forecast.get());
                if (lacking.isEmpty()) {
                    break;
                }
                why = String.format(Locale.ROOT, "powers on %s: the hosts on may hold %s %s of %s, under the %s %s"
                        + " forecast from the same hour yesterday", host.name(), show(room.get(lacking.get())),
                        lacking.get().unit(), lacking.get().key(), show(forecast.get().get(lacking.get())),
                        lacking.get().unit());
            }
            steps.add(new PowerOn(host.name(), new Reason(why, List.of(Term.powersOn(host.name())))));
            room = room.plus(host.capacity().scaledBy(policy.limits()));
        }
        Placement current = snapshot.currentPlacement();
        return new MigrationPlan(policy.name(), "0hard/0soft", current, steps,
                PlanSummary.of(snapshot, current, steps));
    }

    /** The first resource the room falls short of the load in, or empty when it holds it all. */
    private static Optional<Resource> shortOf(Resources room, Resources load) {
        for (Resource resource : Resource.values()) {
            if (room.get(resource) < load.get(resource)) {
                return Optional.of(resource);
            }
        }
        return Optional.empty();
    }

    private static String show(double value) {
        return String.format(Locale.ROOT, value == Math.rint(value) ? "%.0f" : "%.1f", value);
    }
}
