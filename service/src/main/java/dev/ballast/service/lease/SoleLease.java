package dev.ballast.service.lease;

import java.util.Optional;

/**
 * The lease of a service alone on its store (the embedded H2 file, which no second service can
 * open): always held, under one token. Its first refresh is the take-over that makes the service
 * pick up what it left when it stopped.
 */
public final class SoleLease implements RunLease {

    private static final long TOKEN = 1;
    private boolean taken;

    @Override
    public synchronized Standing refresh() {
        boolean first = !taken;
        taken = true;
        return new Standing(true, TOKEN, first, "this service is alone on its store");
    }

    @Override
    public Standing standing() {
        return new Standing(true, TOKEN, false, "this service is alone on its store");
    }

    @Override
    public Optional<String> lost(long token) {
        return Optional.empty();
    }

    @Override
    public void release() {
        // Nobody else could take it.
    }
}
