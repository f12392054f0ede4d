package dev.ballast.service.api;

/**
 * An answer other than success, with the field of the request it concerns (a path parameter, a
 * query parameter or a field of the body), so that a client can say what to fix.
 */
final class ApiError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final int status;
    private final String field;

    ApiError(int status, String field, String message) {
        super(message);
        this.status = status;
        this.field = field;
    }

    int status() {
        return status;
    }

    String field() {
        return field;
    }
}
