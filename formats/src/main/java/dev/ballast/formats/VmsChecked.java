package dev.ballast.formats;

import dev.ballast.model.Resources;
import java.time.Instant;
import java.util.ArrayList;
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
 * <p>The columns are kept outside the heap ({@link NativeColumn}), the names packed.
 */
final class VmsChecked extends VmsRead {

    private final NativeColumn memoryMiB = new NativeColumn(4); // at most Bound.MAX_MEMORY_MIB, 2^30
    private final NativeColumn cpu = new NativeColumn(8);
    private final NativeColumn networkMbps = new NativeColumn(8);
    // The storage and bridges of each VM, as the place of the pair in a list: a handful of
    // pairs for millions of VMs.
    private final NativeColumn attachments = new NativeColumn(4);
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
        this.memoryMiB.addInt(Math.toIntExact(memoryMiB));
        this.cpu.addDouble(cpu);
        this.networkMbps.addDouble(networkMbps);
        this.attachments.addInt(placeOf(storage, bridges));
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

    @Override
    Fit.Needs needs() {
        return new Fit.Needs() {
            @Override
            public int size() {
                return memoryMiB.size();
            }

            @Override
            public Fit.Need need(int index) {
                int place = attachments.intAt(index);
                String id = storage.get(place);
                return new Fit.Need(usage(index), id == null ? Set.of() : Set.of(id), bridges.get(place));
            }

            @Override
            public Object attachments(int index) {
                return keys.get(attachments.intAt(index));
            }

            @Override
            public Resources usage(int index) {
                return new Resources(cpu.doubleAt(index), memoryMiB.intAt(index), networkMbps.doubleAt(index));
            }

            @Override
            public boolean fitsWithin(int index, Resources bound) {
                return Resources.fitsWithin(cpu.doubleAt(index), memoryMiB.intAt(index), networkMbps.doubleAt(index),
                        bound);
            }
        };
    }
}
