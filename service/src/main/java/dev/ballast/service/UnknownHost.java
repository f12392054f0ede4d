package dev.ballast.service;

/** A host the cluster's snapshot does not have. The API answers it with 404. */
public final class UnknownHost extends Exception {

    private static final long serialVersionUID = 1L;

    public UnknownHost(String name) {
        super("no host named \"" + name + "\" in the cluster's snapshot");
    }
}
