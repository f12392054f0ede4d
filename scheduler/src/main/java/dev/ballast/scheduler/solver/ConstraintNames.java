package dev.ballast.scheduler.solver;

/** The names of the soft constraints, in one place, as reports and tests refer to them; hard ones are named by their rule ids. */
public final class ConstraintNames {

    // Hard: each is named by its rule's id (HardRule.id(), dev.ballast.rules.HardRules).

    // Soft
    public static final String HOST_POWER = "Power of hosts kept on";
    public static final String PACKING = "Hosts kept on are full";
    public static final String SPREAD = "Load spread evenly";
    public static final String HOT_SPOT = "No host hot";
    public static final String COOLEST = "Destinations left coolest";
    public static final String MIGRATION_COST = "Migration cost";

    private ConstraintNames() {
    }
}
