package dev.ballast.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Why a host's figures cannot be trusted: the collector has had no fresh sample from it since
 * {@code since} (its last good sample, or when collection started if there never was one). A
 * stale host must not receive VMs, and its old numbers must not drive a plan.
 *
 * @param reason what went wrong, in words the operator can act on, e.g. the libvirt error
 */
public record Staleness(Instant since, String reason) {

    public Staleness {
        Objects.requireNonNull(since, "since");
        Objects.requireNonNull(reason, "reason");
    }
}
