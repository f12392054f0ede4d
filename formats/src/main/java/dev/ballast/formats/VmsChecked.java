package dev.ballast.formats;

import dev.ballast.model.Resources;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;

/**
 * Of each VM of a snapshot read without problems, only what the checks across VMs need: its
 * amounts, storage and bridges for the fit checks, and its name packed ({@link PackedNames}).
 * For {@code validate}, which drops the VMs once checked: making a {@code Vm} record (and its
 * demand) of each of 2.3 million VMs only to drop it was most of what validating allocated.
 *
 * <p>The columns are kept in blocks of {@link #BLOCK} VMs: an array of millions grown by
 * doubling is copied at each step, and each copy is too large for the collector's young
 * generation, which made it start a cycle of its own each time.
 */
final class VmsChecked extends VmsRead {

    private static final int SHIFT = 14;
    private static final int BLOCK = 1 << SHIFT;
    private static final int MASK = BLOCK - 1;

    private int count;
    private long[][] memoryMiB = new long[16][];
    private double[][] cpu = new double[16][];
    private double[][] networkMbps = new double[16][];
    // Shared instances (VmReader makes them so): a handful of each for millions of VMs.
    private String[][] storage = new String[16][];
    private Object[][] bridges = new Object[16][];

    VmsChecked() {
        super(new PackedNames());
    }

    @Override
    void keep(String host, long memoryMiB, int vcpus, double cpu, double networkMbps, double dirtyRate,
            String storage, Set<String> bridges, boolean pinned, Instant lastMigratedAt) {
        int block = count >>> SHIFT;
        int at = count & MASK;
        if (at == 0) {
            addBlock(block);
        }
        this.memoryMiB[block][at] = memoryMiB;
        this.cpu[block][at] = cpu;
        this.networkMbps[block][at] = networkMbps;
        this.storage[block][at] = storage;
        this.bridges[block][at] = bridges;
        count++;
    }

    private void addBlock(int block) {
        if (block == memoryMiB.length) {
            int size = block * 2;
            memoryMiB = Arrays.copyOf(memoryMiB, size);
            cpu = Arrays.copyOf(cpu, size);
            networkMbps = Arrays.copyOf(networkMbps, size);
            storage = Arrays.copyOf(storage, size);
            bridges = Arrays.copyOf(bridges, size);
        }
        memoryMiB[block] = new long[BLOCK];
        cpu[block] = new double[BLOCK];
        networkMbps[block] = new double[BLOCK];
        storage[block] = new String[BLOCK];
        bridges[block] = new Object[BLOCK];
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
                String id = storageOf(index);
                return new Fit.Need(usage(index), id == null ? Set.of() : Set.of(id), bridgesOf(index));
            }

            @Override
            public Object attachments(int index) {
                String id = storageOf(index);
                Object set = bridges[index >>> SHIFT][index & MASK];
                if (lastKey == null || id != lastStorage || set != lastBridges) {
                    lastStorage = id;
                    lastBridges = set;
                    lastKey = Fit.attachments(lastStorage, bridgesOf(index));
                }
                return lastKey;
            }

            @Override
            public Resources usage(int index) {
                int block = index >>> SHIFT;
                int at = index & MASK;
                return new Resources(cpu[block][at], memoryMiB[block][at], networkMbps[block][at]);
            }

            @Override
            public boolean fitsWithin(int index, Resources bound) {
                int block = index >>> SHIFT;
                int at = index & MASK;
                return Resources.fitsWithin(cpu[block][at], memoryMiB[block][at], networkMbps[block][at], bound);
            }
        };
    }

    private String storageOf(int index) {
        return storage[index >>> SHIFT][index & MASK];
    }

    @SuppressWarnings("unchecked")
    private Set<String> bridgesOf(int index) {
        return (Set<String>) bridges[index >>> SHIFT][index & MASK];
    }
}
