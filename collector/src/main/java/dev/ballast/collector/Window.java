package dev.ballast.collector;

import dev.ballast.model.ClusterConfig.Smoothing;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * The newest samples of one figure (a host's CPU, a VM's network) and the statistic the
 * snapshot reports for them, so that one spike moves nothing. Not thread-safe: each host's
 * windows are touched by one round at a time.
 */
final class Window {

    private final Smoothing smoothing;
    private final Deque<Double> samples = new ArrayDeque<>();

    Window(Smoothing smoothing) {
        this.smoothing = smoothing;
    }

    void add(double sample) {
        samples.addLast(sample);
        while (samples.size() > smoothing.window()) {
            samples.removeFirst();
        }
    }

    boolean isEmpty() {
        return samples.isEmpty();
    }

    /** The configured statistic of the samples in the window; NaN when there are none. */
    double value() {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        return switch (smoothing.statistic()) {
            case EWMA -> ewma();
            case MEAN -> samples.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            case MAX -> samples.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            default -> percentile(smoothing.statistic().percentile());
        };
    }

    // Seeded with the oldest sample, so that a short window is not pulled towards zero.
    private double ewma() {
        double alpha = smoothing.alpha();
        double value = samples.getFirst();
        for (double sample : samples) {
            value = alpha * sample + (1 - alpha) * value;
        }
        return value;
    }

    /** Nearest rank: the smallest sample that at least {@code p}% of the samples do not exceed. */
    private double percentile(int p) {
        double[] sorted = samples.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
