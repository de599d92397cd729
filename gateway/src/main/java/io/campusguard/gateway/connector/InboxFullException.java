package io.campusguard.gateway.connector;

/** Too many messages wait for the outbox: this one was not taken, and its device must send it again. */
public final class InboxFullException extends RuntimeException {
  public InboxFullException(int limit) {
    super("more than " + limit + " messages wait for the outbox; not taken, send again", null, false, false);
  }
}
