package dev.ballast.simulator;

import dev.ballast.model.CpuInfo;
import dev.ballast.model.Host;
import dev.ballast.model.HostState;
import dev.ballast.model.MigrationLink;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Chooses a mix of host flavours whose memory makes the VMs fill it to a target fraction, and
 * builds the hosts.
 */
final class HostFleet {

    private static final double[] MIX = {0.30, 0.45, 0.25};
    private static final CpuInfo CPU = new CpuInfo("x86_64", "Icelake-Server");

    private HostFleet() {
    }

    /**
     * A random mix of flavours, then nudged one host at a time (one flavour step) towards
     * {@code vmMemoryMiB / fill}; the mix stays mixed unless the target demands otherwise.
     */
    static HostFlavour[] flavours(int hosts, long vmMemoryMiB, double fill, SplittableRandom random) {
        HostFlavour[] flavours = new HostFlavour[hosts];
        for (int i = 0; i < hosts; i++) {
            flavours[i] = HostFlavour.values()[VmShapes.pick(MIX, random)];
        }
        double target = vmMemoryMiB / fill;
        while (nudge(flavours, target - memoryMiB(flavours), random)) {
            // each nudge strictly shrinks the gap, so this ends
        }
        return flavours;
    }

    /** Changes one host by one flavour step if that brings the capacity closer; false if none does. */
    private static boolean nudge(HostFlavour[] flavours, double gapMiB, SplittableRandom random) {
        int start = random.nextInt(flavours.length);
        for (int k = 0; k < flavours.length; k++) {
            int i = (start + k) % flavours.length;
            HostFlavour next = gapMiB > 0 ? flavours[i].bigger() : flavours[i].smaller();
            if (next == null) {
                continue;
            }
            long delta = next.capacity().memoryMiB() - flavours[i].capacity().memoryMiB();
            if (Math.abs(gapMiB - delta) < Math.abs(gapMiB)) {
                flavours[i] = next;
                return true;
            }
        }
        return false;
    }

    static long memoryMiB(HostFlavour[] flavours) {
        return Arrays.stream(flavours).mapToLong(f -> f.capacity().memoryMiB()).sum();
    }

    static List<Host> build(HostFlavour[] flavours) {
        List<Host> hosts = new ArrayList<>(flavours.length);
        for (int i = 0; i < flavours.length; i++) {
            hosts.add(host(i + 1, flavours[i]));
        }
        return hosts;
    }

    static Host host(int number, HostFlavour flavour) {
        String name = String.format("host-%03d", number);
        return new Host(name, HostState.ACTIVE, flavour.capacity(),
                new MigrationLink(migrationAddress(number), MigrationLink.DEFAULT_MBPS),
                Set.of(VmShapes.STORAGE), Set.of(VmShapes.BRIDGE), CPU, flavour.power(),
                "qemu+tcp://" + name + "/system");
    }

    /** A unique address in the benchmark range 198.18.0.0/15, skipping .0 and .255. */
    static String migrationAddress(int number) {
        int n = number - 1;
        int fourth = n % 254 + 1;
        int third = (n / 254) % 256;
        int second = 18 + n / (254 * 256);
        if (second > 19) {
            throw new IllegalArgumentException("at most " + 2 * 254 * 256 + " hosts fit 198.18.0.0/15, got " + number);
        }
        return "198." + second + "." + third + "." + fourth;
    }
}
