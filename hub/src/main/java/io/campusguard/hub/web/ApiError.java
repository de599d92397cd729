package io.campusguard.hub.web;

/** A failure with the HTTP status it should answer with; its message goes to the client as {"error": ...}. */
public final class ApiError extends RuntimeException {
  private final int status;

  public ApiError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  public int status() {
    return status;
  }
}
