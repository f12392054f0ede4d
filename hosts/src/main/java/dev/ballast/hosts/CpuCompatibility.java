package dev.ballast.hosts;

/** Whether a host can give a guest a CPU (libvirt's virCPUCompareResult). */
public enum CpuCompatibility {
    INCOMPATIBLE,
    IDENTICAL,
    SUPERSET;

    public boolean compatible() {
        return this != INCOMPATIBLE;
    }
}
