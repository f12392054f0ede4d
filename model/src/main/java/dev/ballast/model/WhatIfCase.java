package dev.ballast.model;

import java.util.List;
import java.util.Objects;

/** One question of a {@link WhatIf} scenario; each kind names its own evidence. */
public sealed interface WhatIfCase {

    /** The name the answer is reported under. */
    String name();

    /**
     * Hosts fail: can their VMs restart elsewhere?
     *
     * @param hosts the hosts that fail together; empty with {@code any}
     * @param any   every active host in turn, alone
     */
    record Fail(String name, List<String> hosts, boolean any) implements WhatIfCase {
        public Fail {
            Objects.requireNonNull(name, "name");
            hosts = List.copyOf(hosts);
        }
    }

    /** Hosts go into maintenance: the evacuation plan, its time, and which hosts can go together. */
    record Maintenance(String name, List<String> hosts) implements WhatIfCase {
        public Maintenance {
            Objects.requireNonNull(name, "name");
            hosts = List.copyOf(hosts);
        }
    }

    /** Measured demand scaled per resource (memory is allocated, so it scales too): does it still fit? */
    record Grow(String name, double cpu, double memory, double network) implements WhatIfCase {
        public Grow {
            Objects.requireNonNull(name, "name");
        }
    }

    /** New VMs of one shape: do they fit, with how many standby hosts switched on? */
    record Add(String name, int count, VmShape vm) implements WhatIfCase {
        public Add {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(vm, "vm");
        }
    }

    /** How many more VMs of one shape fit, counted exactly. */
    record FitMore(String name, VmShape vm) implements WhatIfCase {
        public FitMore {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(vm, "vm");
        }
    }

    /** Each policy's plan, figures side by side. */
    record Compare(String name, List<String> policies) implements WhatIfCase {
        public Compare {
            Objects.requireNonNull(name, "name");
            policies = List.copyOf(policies);
        }
    }
}
