package dev.ballast.collector;

/**
 * What a whole host uses, as one source measured it over one interval. A figure the source
 * cannot give is null; the collector then counts the host's VMs alone for it.
 *
 * @param cpu         cores busy
 * @param memoryMiB   memory in use (not counting caches the kernel can drop)
 * @param networkMbps the busier direction of its NICs
 */
record HostUse(Double cpu, Double memoryMiB, Double networkMbps) {

    static final HostUse UNKNOWN = new HostUse(null, null, null);
}
