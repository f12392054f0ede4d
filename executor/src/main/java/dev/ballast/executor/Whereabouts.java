package dev.ballast.executor;

import java.util.List;

/**
 * Where a VM was found running, asked live of every host, and the hosts that could not be asked
 * (the VM might be there).
 */
public record Whereabouts(String vm, List<String> running, List<String> unreachable) {

    public Whereabouts {
        running = List.copyOf(running);
        unreachable = List.copyOf(unreachable);
    }

    /** True when the VM runs on {@code host} and on no other host that answered. */
    public boolean onlyOn(String host) {
        return running.equals(List.of(host));
    }

    @Override
    public String toString() {
        String where = running.isEmpty() ? vm + " runs on no host" : vm + " runs on " + String.join(", ", running);
        return unreachable.isEmpty() ? where : where + " (no answer from " + String.join(", ", unreachable) + ")";
    }
}
