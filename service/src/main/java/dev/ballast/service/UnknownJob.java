package dev.ballast.service;

/** A job the service's configuration does not have. The API answers it with 404. */
public final class UnknownJob extends Exception {

    private static final long serialVersionUID = 1L;

    public UnknownJob(String name, java.util.List<String> known) {
        super("no job named \"" + name + "\" (jobs: " + String.join(", ", known) + ")");
    }
}
