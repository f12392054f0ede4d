package dev.ballast.service.store;

import java.sql.SQLException;

/** The database failed (unreachable, full, a broken schema): nothing the caller's input could fix. */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    StoreException(String doing, SQLException cause) {
        super("the plan store failed " + doing + ": " + cause.getMessage(), cause);
    }
}
