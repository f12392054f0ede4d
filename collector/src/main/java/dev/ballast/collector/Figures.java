package dev.ballast.collector;

import dev.ballast.model.ClusterConfig.Smoothing;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The windows of samples of one host, by figure name ({@code host.cpu.prometheus},
 * {@code vm.web-1.network}); a figure gets its window on its first sample.
 */
final class Figures {

    private final Smoothing smoothing;
    private final Map<String, Window> windows = new HashMap<>();

    Figures(Smoothing smoothing) {
        this.smoothing = smoothing;
    }

    /** Adds a sample; a null (unknown) one is skipped, so it neither counts as zero nor clears the window. */
    void add(String figure, Double sample) {
        if (sample != null && Double.isFinite(sample)) {
            windows.computeIfAbsent(figure, f -> new Window(smoothing)).add(sample);
        }
    }

    /** The smoothed value, or null when the figure has no samples. */
    Double value(String figure) {
        Window window = windows.get(figure);
        return window == null || window.isEmpty() ? null : window.value();
    }

    /** Drops the windows of VMs that are gone, so that a VM that comes back starts afresh. */
    void retainVms(Set<String> vms) {
        windows.keySet().removeIf(f -> f.startsWith("vm.") && !vms.contains(vmOf(f)));
    }

    static String vm(String vm, String figure) {
        return "vm." + vm + "." + figure;
    }

    private static String vmOf(String figure) {
        return figure.substring("vm.".length(), figure.lastIndexOf('.'));
    }
}
