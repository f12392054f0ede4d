package dev.ballast.model;

import java.util.List;
import java.util.Objects;

/**
 * A what-if scenario ({@code kind: WhatIf}): questions asked of one snapshot, each answered by
 * {@code ballast what-if} with a verdict and its evidence. See docs/what-if.md.
 *
 * @param policy the policy the cases' plans are made under: a built-in name or a policy file
 * @param cases  the questions, in the order they are answered; names unique
 */
public record WhatIf(String policy, List<WhatIfCase> cases) {

    public WhatIf {
        Objects.requireNonNull(policy, "policy");
        cases = List.copyOf(cases);
    }
}
