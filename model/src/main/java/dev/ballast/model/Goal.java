package dev.ballast.model;

/** What a policy optimises once every hard rule holds. */
public enum Goal {
    /** Spread utilisation evenly over the active hosts. */
    BALANCE,
    /** Pack VMs onto as little powered-on capacity as possible, so idle hosts can be switched off. */
    CONSOLIDATE;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
