package dev.ballast.service.store;

/**
 * The {@code store} section of the Service file cannot be used as it is (its password file cannot
 * be read): input the operator must fix, told with the field and the file, never the password.
 */
public final class StoreSettingsException extends Exception {

    private static final long serialVersionUID = 1L;

    StoreSettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
