package dev.ballast.model;

/**
 * The highest fraction of each host's capacity that may be in use, per resource: 0.85 keeps
 * 15% of every host's CPU free for spikes.
 */
public record Limits(double cpu, double memory, double network) {

    public static final Limits FULL = new Limits(1.0, 1.0, 1.0);

    public double get(Resource resource) {
        return switch (resource) {
            case CPU -> cpu;
            case MEMORY -> memory;
            case NETWORK -> network;
        };
    }
}
