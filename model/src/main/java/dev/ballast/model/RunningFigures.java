package dev.ballast.model;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The figures of {@link AfterStep} kept up to date as steps apply themselves, without going over
 * the cluster at each step: per resource, the sum and the sum of squares of the active hosts'
 * shares (for the standard deviation around the mean) and a tree of the shares' maxima (for the
 * highest). Agrees with {@link Utilisation#of} to rounding.
 */
final class RunningFigures implements ClusterChanges {

    private final ClusterSnapshot snapshot;
    private final Map<String, String> hostOfVm;
    private final Map<String, Resources> load;
    private final Map<String, Integer> vmCount = new HashMap<>();
    /** Each active host's place in the trees of shares. */
    private final Map<String, Integer> activeIndex = new HashMap<>();
    private final Set<String> switchedOff = new HashSet<>();
    private final PerResource[] perResource = new PerResource[Resource.values().length];
    private final double wattsBefore;
    private double wattsNow;
    private int hostsUsed;

    /** One resource over the active hosts. */
    private static final class PerResource {
        /** A binary tree of maxima over the hosts' shares, the leaves from {@code leaves} on. */
        private final double[] highest;
        private final int leaves;
        private double sum;
        private double sumOfSquares;
        private double load;
        private double capacity;

        PerResource(int hosts) {
            leaves = Math.max(1, Integer.highestOneBit(Math.max(1, hosts - 1)) << 1);
            highest = new double[2 * leaves];
        }

        void set(int host, double oldShare, double share) {
            sum += share - oldShare;
            sumOfSquares += share * share - oldShare * oldShare;
            int node = leaves + host;
            highest[node] = share;
            for (node /= 2; node >= 1; node /= 2) {
                highest[node] = Math.max(highest[2 * node], highest[2 * node + 1]);
            }
        }

        double max() {
            return highest[1];
        }

        /** Around the cluster's mean, not the mean of the shares: as {@link Utilisation}. */
        double stdDev(int hosts) {
            if (hosts == 0) {
                return 0;
            }
            double mean = capacity > 0 ? load / capacity : 0;
            double variance = sumOfSquares / hosts - 2 * mean * sum / hosts + mean * mean;
            return Math.sqrt(Math.max(0, variance));
        }
    }

    RunningFigures(ClusterSnapshot snapshot) {
        this.snapshot = snapshot;
        Placement current = snapshot.currentPlacement();
        this.hostOfVm = new HashMap<>(current.hostOfVm());
        this.load = new HashMap<>(current.loadByHost(snapshot));
        hostOfVm.values().forEach(host -> vmCount.merge(host, 1, Integer::sum));
        List<Host> active = snapshot.hosts().stream().filter(Host::isActive).toList();
        for (Resource resource : Resource.values()) {
            perResource[resource.ordinal()] = new PerResource(active.size());
        }
        for (Host host : active) {
            activeIndex.put(host.name(), activeIndex.size());
            for (Resource resource : Resource.values()) {
                PerResource figures = perResource[resource.ordinal()];
                figures.capacity += host.capacity().get(resource);
                figures.load += loadOf(host.name()).get(resource);
                figures.set(activeIndex.get(host.name()), 0, share(host, resource));
            }
        }
        this.hostsUsed = vmCount.size();
        this.wattsBefore = vmCount.keySet().stream().mapToDouble(this::idleWatts).sum();
        this.wattsNow = wattsBefore;
    }

    @Override
    public void placeVm(String vm, String host) {
        Resources usage = snapshot.vmsByName().get(vm).usage();
        String from = hostOfVm.put(vm, host);
        if (from != null) {
            change(from, usage, -1);
        }
        change(host, usage, 1);
    }

    @Override
    public void powerOff(String host) {
        switchedOff.add(host);
    }

    @Override
    public void powerOn(String host) {
        switchedOff.remove(host);
    }

    AfterStep now() {
        return new AfterStep(hostsUsed, switchedOff.size(), wattsBefore - wattsNow,
                new Shares(max(Resource.CPU), max(Resource.MEMORY), max(Resource.NETWORK)),
                new Shares(stdDev(Resource.CPU), stdDev(Resource.MEMORY), stdDev(Resource.NETWORK)));
    }

    /** One VM's usage leaves ({@code sign} -1) or joins (+1) a host. */
    private void change(String hostName, Resources usage, int sign) {
        Host host = snapshot.hostsByName().get(hostName);
        int count = vmCount.merge(hostName, sign, Integer::sum);
        if (count == 0 && sign < 0) {
            hostsUsed--;
            wattsNow -= idleWatts(hostName);
        } else if (count == 1 && sign > 0) {
            hostsUsed++;
            wattsNow += idleWatts(hostName);
        }
        Resources before = loadOf(hostName);
        load.put(hostName, sign > 0 ? before.plus(usage) : before.minus(usage));
        Integer index = activeIndex.get(hostName);
        if (index != null) {
            for (Resource resource : Resource.values()) {
                PerResource figures = perResource[resource.ordinal()];
                figures.load += sign * usage.get(resource);
                figures.set(index, before.get(resource) / host.capacity().get(resource), share(host, resource));
            }
        }
    }

    private double share(Host host, Resource resource) {
        return loadOf(host.name()).get(resource) / host.capacity().get(resource);
    }

    private Resources loadOf(String host) {
        return load.getOrDefault(host, Resources.ZERO);
    }

    private double idleWatts(String host) {
        return snapshot.hostsByName().get(host).idleWatts();
    }

    private double max(Resource resource) {
        return perResource[resource.ordinal()].max();
    }

    private double stdDev(Resource resource) {
        return perResource[resource.ordinal()].stdDev(activeIndex.size());
    }
}
