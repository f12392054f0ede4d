package dev.ballast.model;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The figures of {@link AfterStep} kept up to date as steps apply themselves, without going over
 * the cluster at each step: per resource, the sum and the sum of squares of the active hosts'
 * shares (for the standard deviation around the mean) and a count of each share (for the highest).
 * Agrees with {@link Utilisation#of} to rounding.
 */
final class RunningFigures implements ClusterChanges {

    private final ClusterSnapshot snapshot;
    private final Map<String, String> hostOfVm;
    private final Map<String, Resources> load;
    private final Map<String, Integer> vmCount = new HashMap<>();
    private final Set<String> switchedOff = new HashSet<>();
    private final Map<Resource, PerResource> perResource = new EnumMap<>(Resource.class);
    private final double wattsBefore;
    private double wattsNow;
    private int hostsUsed;

    /** One resource over the active hosts. */
    private static final class PerResource {
        private final TreeMap<Double, Integer> shares = new TreeMap<>();
        private double sum;
        private double sumOfSquares;
        private double load;
        private double capacity;
        private int hosts;

        void add(double share) {
            shares.merge(share, 1, Integer::sum);
            sum += share;
            sumOfSquares += share * share;
        }

        void remove(double share) {
            shares.merge(share, -1, (a, b) -> a + b == 0 ? null : a + b);
            sum -= share;
            sumOfSquares -= share * share;
        }

        double max() {
            return shares.isEmpty() ? 0 : Math.max(0, shares.lastKey());
        }

        /** Around the cluster's mean, not the mean of the shares: as {@link Utilisation}. */
        double stdDev() {
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
        for (Resource resource : Resource.values()) {
            perResource.put(resource, new PerResource());
        }
        for (Host host : snapshot.hosts()) {
            if (host.isActive()) {
                for (Resource resource : Resource.values()) {
                    PerResource figures = perResource.get(resource);
                    figures.hosts++;
                    figures.capacity += host.capacity().get(resource);
                    figures.load += loadOf(host.name()).get(resource);
                    figures.add(share(host, resource));
                }
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
        for (Resource resource : Resource.values()) {
            PerResource figures = perResource.get(resource);
            if (host.isActive()) {
                figures.remove(share(host, resource));
                figures.load += sign * usage.get(resource);
            }
        }
        load.put(hostName, sign > 0 ? loadOf(hostName).plus(usage) : loadOf(hostName).minus(usage));
        if (host.isActive()) {
            for (Resource resource : Resource.values()) {
                perResource.get(resource).add(share(host, resource));
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
        return perResource.get(resource).max();
    }

    private double stdDev(Resource resource) {
        return perResource.get(resource).stdDev();
    }
}
