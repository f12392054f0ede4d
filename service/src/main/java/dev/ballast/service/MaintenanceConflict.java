package dev.ballast.service;

/** A host asked into maintenance that is already there, or out of it that is not in it. The API answers 409. */
public final class MaintenanceConflict extends Exception {

    private static final long serialVersionUID = 1L;

    public MaintenanceConflict(String message) {
        super(message);
    }
}
