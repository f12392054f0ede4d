package dev.ballast.model;

/** One of the three resources Ballast balances and packs. */
public enum Resource {
    CPU("cpu", "cores"),
    MEMORY("memory", "MiB"),
    NETWORK("network", "Mb/s");

    private final String key;
    private final String unit;

    Resource(String key, String unit) {
        this.key = key;
        this.unit = unit;
    }

    /** The name used in files and reports: {@code cpu}, {@code memory}, {@code network}. */
    public String key() {
        return key;
    }

    public String unit() {
        return unit;
    }
}
