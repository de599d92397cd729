package io.campusguard.gateway.dc09;

/** Why a DC-09 frame was refused: each counted under its own name ({@code refused_bad_crc}, …). */
public enum FrameFault {
  /** Longer than the configured limit: refused before it is parsed. */
  TOO_LARGE,
  /** No LF at the start, no CR at the end, a length field that is not {@code 0LLL} hex, or a cut frame. */
  BAD_FRAMING,
  /** The length field does not match the bytes between it and the CR. */
  BAD_LENGTH,
  BAD_CRC,
  /** Framed and checked, but the header ({@code "id"seq R L #acct [}) does not read. */
  BAD_HEADER,
  /** An id other than SIA-DCS, ADM-CID and NULL (plain or encrypted). */
  UNSUPPORTED_ID,
  /** An account the config does not list. */
  UNKNOWN_ACCOUNT,
  /** Encrypted for an account without a key, plain for an account with one, or a key that does not decrypt it. */
  BAD_ENCRYPTION,
  /** The data block (decrypted, if it was) does not read: no {@code ]}, a bad extended block or timestamp. */
  BAD_CONTENT,
  /** An encrypted message without a timestamp, or one outside the window: answered NAK with our time. */
  STALE_TIMESTAMP;

  public String counterName() {
    return "refused_" + name().toLowerCase(java.util.Locale.ROOT);
  }
}
