package dev.ballast.formats;

import dev.ballast.model.Resources;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

/**
 * Of each VM of a snapshot read without problems, only what the checks across VMs need: its
 * amounts, storage and bridges for the fit checks (its name is kept by every {@link VmsRead}).
 * For {@code validate}, which drops the VMs once checked: making a {@code Vm} record (and its
 * demand) of each of 2.3 million VMs only to drop it was most of what validating allocated.
 */
final class VmsChecked extends VmsRead {

    private int count;
    private long[] memoryMiB = new long[1024];
    private double[] cpu = new double[1024];
    private double[] networkMbps = new double[1024];
    // Shared instances (VmReader makes them so): a handful of each for millions of VMs.
    private String[] storage = new String[1024];
    private Object[] bridges = new Object[1024];

    @Override
    void keep(String name, String host, long memoryMiB, int vcpus, double cpu, double networkMbps, Double dirtyRate,
            String storage, Set<String> bridges, boolean pinned, Instant lastMigratedAt) {
        if (count == this.memoryMiB.length) {
            grow();
        }
        this.memoryMiB[count] = memoryMiB;
        this.cpu[count] = cpu;
        this.networkMbps[count] = networkMbps;
        this.storage[count] = storage;
        this.bridges[count] = bridges;
        count++;
    }

    private void grow() {
        int size = count * 2;
        memoryMiB = Arrays.copyOf(memoryMiB, size);
        cpu = Arrays.copyOf(cpu, size);
        networkMbps = Arrays.copyOf(networkMbps, size);
        storage = Arrays.copyOf(storage, size);
        bridges = Arrays.copyOf(bridges, size);
    }

    @Override
    Fit.Needs needs() {
        return new Fit.Needs() {
            // VMs of the same storage and bridges come in runs: the key of the last is given again.
            private String lastStorage;
            private Object lastBridges;
            private Object lastKey;

            @Override
            public int size() {
                return count;
            }

            @Override
            public Fit.Need need(int index) {
                return new Fit.Need(usage(index), storage[index] == null ? Set.of() : Set.of(storage[index]),
                        bridgesOf(index));
            }

            @Override
            public Object attachments(int index) {
                if (lastKey == null || storage[index] != lastStorage || bridges[index] != lastBridges) {
                    lastStorage = storage[index];
                    lastBridges = bridges[index];
                    lastKey = Fit.attachments(lastStorage, bridgesOf(index));
                }
                return lastKey;
            }

            @Override
            public Resources usage(int index) {
                return new Resources(cpu[index], memoryMiB[index], networkMbps[index]);
            }
        };
    }

    @SuppressWarnings("unchecked")
    private Set<String> bridgesOf(int index) {
        return (Set<String>) bridges[index];
    }
}
