package dev.ballast.bench;

import com.sun.management.GarbageCollectionNotificationInfo;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The most heap in use at once while one case runs, direct buffers included (memory kept
 * outside the heap, as the snapshot check keeps its columns, is memory all the same). Two
 * sources, the higher wins: every collection reports the heap just before it ran (the true high
 * points, as garbage piles up until a collection), and a thread samples the used heap between
 * collections (for a run that ends before the next one). Summing each pool's own peak would
 * overstate it: the pools peak at different moments.
 *
 * <p>Limits: includes whatever the harness itself still holds (the snapshot, earlier results),
 * and with a concurrent collector the "before" figure is the heap when the cycle began.
 */
public final class HeapPeak implements AutoCloseable {

    private static final long SAMPLE_MILLIS = 20;

    private final AtomicLong peak = new AtomicLong();
    private final Set<String> heapPools;
    private final List<NotificationEmitter> emitters = new ArrayList<>();
    private final NotificationListener listener = this::onCollection;
    private final Thread sampler;
    private volatile boolean running = true;

    private HeapPeak() {
        heapPools = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP)
                .map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (gc instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                emitters.add(emitter);
            }
        }
        sampler = new Thread(this::sample, "bench-heap-sampler");
        sampler.setDaemon(true);
    }

    /**
     * Starts watching, after a collection so that garbage of earlier cases does not count. The
     * collection is only a request to the JVM, so the figure may still include some.
     */
    public static HeapPeak start() {
        System.gc();
        HeapPeak watch = new HeapPeak();
        watch.record(usedHeap());
        watch.sampler.start();
        return watch;
    }

    /** The highest heap in use seen so far, in bytes. */
    public long peakBytes() {
        record(usedHeap());
        return peak.get();
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        for (NotificationEmitter emitter : emitters) {
            try {
                emitter.removeNotificationListener(listener);
            } catch (ListenerNotFoundException e) {
                // already gone: nothing left to stop
            }
        }
    }

    private void sample() {
        while (running) {
            record(usedHeap());
            try {
                Thread.sleep(SAMPLE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void onCollection(Notification notification, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType())) {
            return;
        }
        var info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long before = 0;
        for (Map.Entry<String, MemoryUsage> pool : info.getGcInfo().getMemoryUsageBeforeGc().entrySet()) {
            if (heapPools.contains(pool.getKey())) {
                before += pool.getValue().getUsed();
            }
        }
        record(before + directBytes());
    }

    private void record(long used) {
        peak.accumulateAndGet(used, Math::max);
    }

    /** The heap in use, and the direct buffers: memory a reader keeps outside the heap counts too. */
    private static long usedHeap() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() + directBytes();
    }

    private static long directBytes() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).mapToLong(BufferPoolMXBean::getMemoryUsed).sum();
    }
}
