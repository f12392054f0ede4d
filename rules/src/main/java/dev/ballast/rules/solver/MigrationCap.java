package dev.ballast.rules.solver;

/** The policy's cap on moves in one plan, as a problem fact; {@code Integer.MAX_VALUE} for none. */
public record MigrationCap(int maxMigrations) {
}
