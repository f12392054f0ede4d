package dev.ballast.model;

/** One figure per resource, each a fraction of capacity: e.g. the hottest host's share of each. */
public record Shares(double cpu, double memory, double network) {

    /** The resource with the highest figure (the first of equals, in {@link Resource} order). */
    public Resource highest() {
        Resource highest = Resource.CPU;
        for (Resource resource : Resource.values()) {
            if (get(resource) > get(highest)) {
                highest = resource;
            }
        }
        return highest;
    }

    public double get(Resource resource) {
        return switch (resource) {
            case CPU -> cpu;
            case MEMORY -> memory;
            case NETWORK -> network;
        };
    }
}
