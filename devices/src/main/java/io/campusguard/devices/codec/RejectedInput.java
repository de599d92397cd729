package io.campusguard.devices.codec;

import io.campusguard.devices.Rejection;

/** Unwinds a decode to its entry point, where it becomes a {@link io.campusguard.devices.Decoded.Rejected}. */
final class RejectedInput extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient Rejection rejection;

  RejectedInput(String field, Rejection.Reason reason, String detail) {
    super(field + ": " + detail, null, false, false);
    this.rejection = new Rejection(field, reason, detail);
  }

  Rejection rejection() {
    return rejection;
  }
}
