package dev.ballast.rules;

/**
 * One broken hard rule, said so that an operator can act on it.
 *
 * @param rule    the {@link HardRule#id() id} of the rule: {@code cpu}, {@code memory}, {@code network},
 *                {@code host-state}, {@code power-state}, {@code pinned}, {@code storage}, {@code bridges},
 *                {@code anti-affinity}, {@code affinity}, {@code unplaced}, {@code max-migrations}, {@code stale}
 * @param where   the host, VM or group it concerns
 */
public record Violation(String rule, String where, String message) {

    @Override
    public String toString() {
        return rule + ": " + message;
    }
}
