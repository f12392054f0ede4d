package dev.ballast.bench;

/**
 * Bad input to the harness, said so the operator can fix it: the option or file and what to do.
 * Exit code 2.
 */
public final class BenchInputException extends Exception {

    private static final long serialVersionUID = 1L;

    public BenchInputException(String message) {
        super(message);
    }

    public BenchInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
