package io.campusguard.hub.web;

/** A failure with the HTTP status it should answer with; its message goes to the client as {"error": ...}. */
public final class ApiError extends RuntimeException {
  private final int status;
  private final long retryAfterSeconds;

  public ApiError(int status, String message) {
    this(status, message, 0);
  }

  /** With a {@code Retry-After} header of {@code retryAfterSeconds} (when positive). */
  public ApiError(int status, String message, long retryAfterSeconds) {
    super(message, null, false, false);
    this.status = status;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  public long retryAfterSeconds() {
    return retryAfterSeconds;
  }

  public int status() {
    return status;
  }
}
