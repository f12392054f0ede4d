package dev.ballast.scheduler.goals.consolidate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.ClusterSnapshot;
import dev.ballast.model.HostState;
import dev.ballast.model.Limits;
import dev.ballast.model.Placement;
import dev.ballast.model.Policy;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import dev.ballast.rules.HardRules;
import dev.ballast.scheduler.Clusters;
import dev.ballast.simulator.ClusterGenerator;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Whatever the cluster, the drain keeps every hard rule and moves hardly more than the VMs that
 * had to leave (those of the hosts it empties, and those a host over a limit had too many of):
 * at most one VM of a host that stays on makes way for each of them.
 */
class KeepAndDrainProperties {

    @Property(tries = 100)
    void theDrainKeepsEveryHardRuleAndMovesLittleBesidesTheVmsThatHadToLeave(@ForAll @IntRange(min = 4, max = 60) int hosts,
            @ForAll @IntRange(min = 1, max = 12) int vmsPerHost, @ForAll @IntRange(min = 0, max = 3) int groups,
            @ForAll boolean oneHostInMaintenance, @ForAll boolean withoutPower, @ForAll long seed) {
        ClusterSnapshot snapshot;
        try {
            snapshot = ClusterGenerator.generate(new ClusterGenerator.Options(hosts, hosts * vmsPerHost, 0.5, 0.8,
                    Math.min(groups, hosts * vmsPerHost / 3), seed));
        } catch (IllegalArgumentException tooFewHostsToGenerate) {
            return;
        }
        if (oneHostInMaintenance) {
            snapshot = snapshot.withHostState(snapshot.hosts().get(0).name(), HostState.MAINTENANCE);
        }
        if (withoutPower) {
            snapshot = new ClusterSnapshot(snapshot.hosts().stream().map(Clusters::withoutPower).toList(),
                    snapshot.vms(), snapshot.groups());
        }
        Policy policy = new Policy("consolidate", new Limits(0.85, 0.95, 0.8), null, ConsolidateSettings.DEFAULTS);

        Optional<Placement> drained = KeepAndDrain.place(snapshot, policy,
                new ConsolidatePrices(snapshot, policy, ConsolidateSettings.DEFAULTS));

        if (drained.isEmpty()) {
            return;
        }
        Placement placement = drained.get();
        assertThat(HardRules.check(snapshot, policy, placement)).isEmpty();
        Set<String> used = placement.usedHosts();
        Map<String, Resources> loadAtFirst = snapshot.currentPlacement().loadByHost(snapshot);
        int hadToLeave = 0;
        int madeWay = 0;
        for (Vm vm : snapshot.vms()) {
            if (!placement.hostOf(vm.name()).equals(vm.host())) {
                String from = vm.host();
                boolean overALimit = !loadAtFirst.get(from).fitsWithin(
                        snapshot.host(from).orElseThrow().capacity().scaledBy(policy.limits()));
                if (!used.contains(from) || overALimit) {
                    hadToLeave++;
                } else {
                    madeWay++;
                }
            }
        }
        assertThat(madeWay).as("VMs moved off hosts that stay on within their limits").isLessThanOrEqualTo(hadToLeave);
    }
}
