package dev.ballast.formats;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ballast.model.Demand;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.Resources;
import dev.ballast.model.Vm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The sweep that finds VMs no host can hold agrees with comparing every VM with every host, on
 * clusters of few shapes (as real ones are) and of many.
 */
class FitProperties {

    private static final List<String> STORAGE = List.of("nfs-a", "nfs-b", "ceph");
    private static final List<String> BRIDGES = List.of("br0", "br1");

    @Property(tries = 300)
    void theSweepFindsExactlyTheVmsNoHostHolds(@ForAll long seed) {
        Random random = new Random(seed);
        List<Host> hosts = IntStream.range(0, 1 + random.nextInt(30)).mapToObj(i -> host(i, random)).toList();
        List<Vm> vms = IntStream.range(0, random.nextInt(60)).mapToObj(i -> vm(i, random)).toList();

        List<Fit.Need> needs = vms.stream().map(Fit.Need::of).toList();
        Map<Integer, String> compared = Fit.whyNowhere(needs, hosts);
        Map<Integer, String> swept = Fit.whyNowhere(needs, hosts, 0);

        List<Integer> expected = IntStream.range(0, vms.size()).filter(i -> !fitsSomewhere(vms.get(i), hosts))
                .boxed().toList();
        assertThat(compared.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(swept).isEqualTo(compared);
        assertThat(Fit.whyNowhere(Fit.needsOf(vms), hosts)).as("the VMs read as needs without a Need each")
                .isEqualTo(compared);
    }

    private static boolean fitsSomewhere(Vm vm, List<Host> hosts) {
        return hosts.stream().anyMatch(h -> h.state() != HostState.STANDBY && h.offersAttachmentsOf(vm)
                && vm.usage().fitsWithin(h.capacity()));
    }

    private static Host host(int i, Random random) {
        HostState state = random.nextInt(6) == 0 ? HostState.STANDBY : HostState.ACTIVE;
        Resources capacity = new Resources(pick(random, 4, 8, 16, 32), (long) pick(random, 8, 16, 32, 64) * 1024,
                pick(random, 1000, 10000, 25000));
        return new Host("host-" + i, state, capacity, null, subset(STORAGE, random), subset(BRIDGES, random),
                null, null, null);
    }

    private static Vm vm(int i, Random random) {
        String storage = random.nextInt(3) == 0 ? null : STORAGE.get(random.nextInt(STORAGE.size()));
        return new Vm("vm-" + i, null, (long) pick(random, 1, 8, 16, 32, 48, 70) * 1024, 1,
                new Demand(pick(random, 0.5, 4, 8, 16, 32, 33), pick(random, 0, 1000, 10000, 20000)), null,
                storage, random.nextInt(4) == 0 ? subset(BRIDGES, random) : Set.of(), false, null);
    }

    private static double pick(Random random, double... values) {
        return values[random.nextInt(values.length)];
    }

    private static Set<String> subset(List<String> all, Random random) {
        List<String> chosen = new ArrayList<>();
        for (String one : all) {
            if (random.nextInt(4) != 0) {
                chosen.add(one);
            }
        }
        return chosen.stream().collect(Collectors.toSet());
    }
}
