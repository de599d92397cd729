package io.campusguard.gateway.outbox;

/** The outbox could not be opened nor a fresh one started beside it: the gateway must not run without one. */
public final class OutboxUnavailableException extends Exception {
  private static final long serialVersionUID = 1L;

  public OutboxUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
