package dev.ballast.service.store;

import java.sql.SQLException;

/** The database failed (unreachable, a login refused, full, a broken schema): nothing the caller's input could fix. */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StoreException(String doing, SQLException cause) {
        this(doing, (Exception) cause);
    }

    /** Also for the pool's and the migrations' own exceptions, whose cause is the database's. */
    StoreException(String doing, Exception cause) {
        super("the plan store failed " + doing + ": " + cause.getMessage(), cause);
    }
}
