package dev.ballast.formats;

import dev.ballast.model.Resources;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    // At most Bound.MAX_MEMORY_MIB (2^30) for a VM read without problems: an int each.
    private int[][] memoryMiB = new int[16][];
    private double[][] cpu = new double[16][];
    private double[][] networkMbps = new double[16][];
    // The storage and bridges of each VM, as the place of the pair in a list: a handful of
    // pairs for millions of VMs, and no reference stored per VM for the collector to track.
    private int[][] attachments = new int[16][];
    private final List<String> storage = new ArrayList<>();
    private final List<Set<String>> bridges = new ArrayList<>();
    private final List<Object> keys = new ArrayList<>();
    private final Map<Object, Integer> places = new HashMap<>();
    // The pair of the VM kept last (shared instances, so compared as such), and its place.
    private String lastStorage;
    private Set<String> lastBridges;
    private int lastPlace = -1;

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
        this.memoryMiB[block][at] = Math.toIntExact(memoryMiB);
        this.cpu[block][at] = cpu;
        this.networkMbps[block][at] = networkMbps;
        this.attachments[block][at] = placeOf(storage, bridges);
        count++;
    }

    private int placeOf(String storage, Set<String> bridges) {
        if (lastPlace < 0 || storage != lastStorage || bridges != lastBridges) {
            Object key = Fit.attachments(storage, bridges);
            Integer place = places.get(key);
            if (place == null) {
                place = keys.size();
                places.put(key, place);
                keys.add(key);
                this.storage.add(storage);
                this.bridges.add(bridges);
            }
            lastStorage = storage;
            lastBridges = bridges;
            lastPlace = place;
        }
        return lastPlace;
    }

    private void addBlock(int block) {
        if (block == memoryMiB.length) {
            int size = block * 2;
            memoryMiB = Arrays.copyOf(memoryMiB, size);
            cpu = Arrays.copyOf(cpu, size);
            networkMbps = Arrays.copyOf(networkMbps, size);
            attachments = Arrays.copyOf(attachments, size);
        }
        memoryMiB[block] = new int[BLOCK];
        cpu[block] = new double[BLOCK];
        networkMbps[block] = new double[BLOCK];
        attachments[block] = new int[BLOCK];
    }

    @Override
    Fit.Needs needs() {
        return new Fit.Needs() {
            @Override
            public int size() {
                return count;
            }

            @Override
            public Fit.Need need(int index) {
                int place = placeAt(index);
                String id = storage.get(place);
                return new Fit.Need(usage(index), id == null ? Set.of() : Set.of(id), bridges.get(place));
            }

            @Override
            public Object attachments(int index) {
                return keys.get(placeAt(index));
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

    private int placeAt(int index) {
        return attachments[index >>> SHIFT][index & MASK];
    }
}
