package dev.jembed.cli.serve;

/**
 * A request the server answers with an error status: the HTTP status, TEI's error type
 * ({@code Validation}, {@code Empty}, {@code Overloaded}, ...) and a message for the client. The
 * routes render it as TEI's {@code {"error", "error_type"}} or OpenAI's {@code {"error": {...}}}.
 */
final class ApiException extends RuntimeException {
    private final int status;
    private final String errorType;

    ApiException(int status, String errorType, String message) {
        super(message, null, false, false);
        this.status = status;
        this.errorType = errorType;
    }

    /** 400: the body is missing or is not the JSON the route expects. */
    static ApiException badRequest(String message) {
        return new ApiException(400, "Validation", message);
    }

    /** 400: no input to embed (TEI's {@code Empty}). */
    static ApiException empty(String message) {
        return new ApiException(400, "Empty", message);
    }

    /** 422: well-formed, but a value is out of range (an input too long, an unknown prompt name). */
    static ApiException invalid(String message) {
        return new ApiException(422, "Validation", message);
    }

    /** 413: more inputs, or more bytes, than the server accepts in one request. */
    static ApiException tooLarge(String message) {
        return new ApiException(413, "Validation", message);
    }

    /** 429: the queue is full. */
    static ApiException overloaded() {
        return new ApiException(429, "Overloaded", "Model is overloaded");
    }

    /** 503: the model is still loading, or the server is shutting down. */
    static ApiException unavailable(String message) {
        return new ApiException(503, "Unhealthy", message);
    }

    int status() {
        return status;
    }

    String errorType() {
        return errorType;
    }
}
