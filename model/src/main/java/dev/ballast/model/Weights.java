package dev.ballast.model;

/**
 * The tuning knobs of a policy's soft goals, each a multiplier of 1.0 by default. All soft
 * terms are priced in one currency, so raising one knob makes its goal win more trade-offs.
 *
 * @param hostPower consolidate: the price of keeping a host on, per idle watt
 * @param packing   consolidate: the reward for filling the hosts kept on, which guides the
 *                  search towards emptying the least-used hosts
 * @param spread    balance: the price of uneven utilisation
 * @param migration both: the price of each GiB of VM memory migrated
 */
public record Weights(double hostPower, double packing, double spread, double migration) {

    public static final Weights DEFAULT = new Weights(1.0, 1.0, 1.0, 1.0);
}
