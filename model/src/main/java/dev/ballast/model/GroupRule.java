package dev.ballast.model;

/** How the VMs of a group relate to each other's hosts. */
public enum GroupRule {
    /** No two VMs of the group on the same host. */
    ANTI_AFFINITY("anti-affinity"),
    /** All VMs of the group on one host. */
    AFFINITY("affinity");

    private final String key;

    GroupRule(String key) {
        this.key = key;
    }

    /** The name used in files. */
    public String key() {
        return key;
    }
}
