package dev.ballast.rules;

import static org.optaplanner.core.api.score.stream.ConstraintCollectors.sumLong;

import dev.ballast.model.Host;
import dev.ballast.model.Resource;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.rules.solver.PlanningHost;
import dev.ballast.rules.solver.PlanningVm;
import org.optaplanner.core.api.score.buildin.hardsoftlong.HardSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.ToLongFunction;

/**
 * No host's load of one resource beyond its capacity times the policy's limit. One instance per
 * resource ({@code cpu}, {@code memory}, {@code network}); the solver penalises the millicores,
 * MiB or kb/s over. {@link ClusterState#fits} asks the three at once without words first.
 */
final class Capacity implements HardRule {

    private final Resource resource;
    private final ToLongFunction<PlanningVm> demand;
    private final ToLongFunction<PlanningHost> limit;

    Capacity(Resource resource) {
        this.resource = resource;
        if (resource == Resource.CPU) {
            demand = PlanningVm::getCpuMillis;
            limit = PlanningHost::getCpuLimitMillis;
        } else if (resource == Resource.MEMORY) {
            demand = PlanningVm::getMemoryMiB;
            limit = PlanningHost::getMemoryLimitMiB;
        } else {
            demand = PlanningVm::getNetworkKbps;
            limit = PlanningHost::getNetworkLimitKbps;
        }
    }

    @Override
    public String id() {
        return resource.key();
    }

    @Override
    public boolean continuous() {
        return true;
    }

    @Override
    public Constraint constraint(ConstraintFactory factory) {
        return factory.forEach(PlanningVm.class)
                .groupBy(PlanningVm::getHost, sumLong(demand))
                .filter((host, used) -> used > limit.applyAsLong(host))
                .penalizeLong(HardSoftLongScore.ONE_HARD, (host, used) -> used - limit.applyAsLong(host))
                .asConstraint(id());
    }

    @Override
    public List<Violation> check(ClusterState state) {
        List<Violation> violations = new ArrayList<>();
        for (Host host : state.snapshot().hosts()) {
            overLimit(state, host, state.loadOf(host.name())).ifPresent(violations::add);
        }
        return violations;
    }

    @Override
    public Optional<Violation> whyNotPut(ClusterState state, Vm vm, Host host) {
        return overLimit(state, host, state.loadWith(vm, host.name()));
    }

    /** The host's load of this resource over its limit, said with figures. */
    private Optional<Violation> overLimit(ClusterState state, Host host, Resources load) {
        double used = load.get(resource);
        double share = state.policy().limits().get(resource);
        double bound = state.limitOf(host.name()).get(resource);
        if (used <= bound + 1e-9) {
            return Optional.empty();
        }
        return Optional.of(new Violation(id(), host.name(), String.format(Locale.ROOT,
                "%s would use %s %s, over its limit of %s (%.0f%% of %s)", host.name(), figure(used),
                resource.unit(), figure(bound), share * 100, figure(host.capacity().get(resource)))));
    }

    static String figure(double value) {
        return value == Math.rint(value) ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }
}
