package io.campusguard.gateway.dc09;

/**
 * One DC-09 frame's header, checked for framing, length and CRC: {@code LF CRC 0LLL "id" seq Rrcvr Lline #acct [rest CR}.
 *
 * @param id {@code SIA-DCS}, {@code ADM-CID} or {@code NULL}, without the {@code *} of an encrypted message
 * @param encrypted whether the id had the {@code *} prefix: {@code rest} is then the hex of the ciphertext
 * @param seq the four digits, as sent (echoed in the answer)
 * @param receiver the receiver number without its {@code R}, or null when the frame has none
 * @param line the line prefix without its {@code L}
 * @param account the account without its {@code #}
 * @param rest what follows the {@code [}: the data block, extended blocks and timestamp, or the ciphertext's hex
 */
public record Dc09Frame(String id, boolean encrypted, String seq, String receiver, String line, String account, String rest) {
  public static final String SIA_DCS = "SIA-DCS";
  public static final String ADM_CID = "ADM-CID";
  public static final String NULL = "NULL";
}
