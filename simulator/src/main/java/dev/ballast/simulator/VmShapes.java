package dev.ballast.simulator;

import dev.ballast.model.Demand;
import dev.ballast.model.Vm;

import java.util.Set;
import java.util.SplittableRandom;

/**
 * Draws VMs the way a cloud's tenants create them: mostly small, a tail of large ones;
 * CPU-heavy, balanced and memory-heavy shapes; most guests lightly used, some busy.
 */
final class VmShapes {

    static final String STORAGE = "nfs-vms";
    static final String BRIDGE = "virbr0";

    private static final int[] VCPUS = {1, 2, 4, 8, 16, 32};
    private static final double[] VCPU_WEIGHTS = {0.28, 0.30, 0.22, 0.12, 0.06, 0.02};

    /** Memory per vCPU and how likely a guest of that shape is busy. */
    private enum Profile {
        CPU_HEAVY(2, 0.45, 0.30),
        BALANCED(4, 0.15, 0.50),
        MEMORY_HEAVY(8, 0.05, 0.20);

        final int gibPerVcpu;
        final double busyChance;
        final double weight;

        Profile(int gibPerVcpu, double busyChance, double weight) {
            this.gibPerVcpu = gibPerVcpu;
            this.busyChance = busyChance;
            this.weight = weight;
        }
    }

    // The largest VM must fit a medium host at a 0.95 memory limit, or generated clusters
    // could be infeasible for reasons no operator would recognise.
    private static final int MAX_MEMORY_GIB = 128;

    private VmShapes() {
    }

    /** A new, unplaced VM of at most {@code maxVcpus} vCPUs (sizes above it are never drawn). */
    static Vm draw(String name, int maxVcpus, SplittableRandom random) {
        int sizes = 0;
        while (sizes < VCPUS.length && VCPUS[sizes] <= maxVcpus) {
            sizes++;
        }
        int vcpus = VCPUS[pick(java.util.Arrays.copyOf(VCPU_WEIGHTS, Math.max(1, sizes)), random)];
        Profile profile = profile(random);
        if (vcpus * profile.gibPerVcpu > MAX_MEMORY_GIB) {
            profile = Profile.BALANCED;
        }
        double cpu = round(Math.max(0.01, vcpus * utilisation(profile, random)), 100);
        return new Vm(name, null, vcpus * profile.gibPerVcpu * 1024L, vcpus,
                new Demand(cpu, networkMbps(random)), dirtyRate(random), STORAGE, Set.of(BRIDGE), false);
    }

    /** Most guests idle along at 5-40% of their vCPUs; a busy few run at 50-95%. */
    private static double utilisation(Profile profile, SplittableRandom random) {
        if (random.nextDouble() < profile.busyChance) {
            return 0.50 + 0.45 * random.nextDouble();
        }
        double u = random.nextDouble();
        return 0.05 + 0.35 * u * u;
    }

    /** A few Mb/s for most guests, with a long tail and some network-heavy ones. */
    private static double networkMbps(SplittableRandom random) {
        if (random.nextDouble() < 0.03) {
            return round(300 + 1700 * random.nextDouble(), 10);
        }
        double mbps = Math.exp(Math.log(15) + 1.2 * random.nextGaussian());
        return round(Math.min(1000, Math.max(0.1, mbps)), 10);
    }

    /** 5-200 MiB/s, most guests at the low end. */
    private static double dirtyRate(SplittableRandom random) {
        double u = random.nextDouble();
        return round(5 + 195 * u * u, 10);
    }

    private static Profile profile(SplittableRandom random) {
        Profile[] profiles = Profile.values();
        double[] weights = new double[profiles.length];
        for (int i = 0; i < profiles.length; i++) {
            weights[i] = profiles[i].weight;
        }
        return profiles[pick(weights, random)];
    }

    /** An index drawn with the given relative weights. */
    static int pick(double[] weights, SplittableRandom random) {
        double total = 0;
        for (double w : weights) {
            total += w;
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }

    static double round(double value, int perUnit) {
        return Math.round(value * perUnit) / (double) perUnit;
    }
}
