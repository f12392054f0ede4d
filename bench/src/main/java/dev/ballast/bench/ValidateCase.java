package dev.ballast.bench;

/**
 * One case of the {@code validate} suite: a snapshot file of {@code hosts} hosts and
 * {@code vms * copies} VMs, generated from the seed ({@link CopiedSnapshotFile}), read,
 * validated and loaded as {@code plan} loads it ({@link ValidateRunner}).
 *
 * @param vms    the VMs the simulator places on the hosts
 * @param copies how many times each of them is written, under a new name after the first
 */
public record ValidateCase(String suite, String name, int hosts, int vms, int copies, long seed) {

    /** Every VM of the file. */
    public long totalVms() {
        return (long) vms * copies;
    }

    /** {@code suite/name}, as selected with {@code --suite}. */
    public String id() {
        return suite + "/" + name;
    }
}
