package dev.ballast.scheduler.solver;

/** The names of every constraint, in one place, as reports and tests refer to them. */
public final class ConstraintNames {

    // Hard
    public static final String CPU_LIMIT = "CPU within limit";
    public static final String MEMORY_LIMIT = "Memory within limit";
    public static final String NETWORK_LIMIT = "Network within limit";
    public static final String ACTIVE_HOST = "VM on an active host";
    public static final String STALE_HOST = "Nothing onto a stale host";
    public static final String STORAGE_MOUNTED = "Storage mounted";
    public static final String BRIDGES_PRESENT = "Bridges present";
    public static final String ANTI_AFFINITY = "Anti-affinity group apart";
    public static final String AFFINITY = "Affinity group together";
    public static final String MIGRATION_CAP = "Migrations within cap";

    // Soft
    public static final String HOST_POWER = "Power of hosts kept on";
    public static final String PACKING = "Hosts kept on are full";
    public static final String SPREAD = "Load spread evenly";
    public static final String HOT_SPOT = "No host hot";
    public static final String MIGRATION_COST = "Migration cost";

    private ConstraintNames() {
    }
}
