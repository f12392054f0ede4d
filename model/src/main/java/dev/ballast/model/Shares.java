package dev.ballast.model;

/** One figure per resource, each a fraction of capacity: e.g. the hottest host's share of each. */
public record Shares(double cpu, double memory, double network) {

    public double get(Resource resource) {
        return switch (resource) {
            case CPU -> cpu;
            case MEMORY -> memory;
            case NETWORK -> network;
        };
    }
}
