package io.campusguard.hub.upstream;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of one webhook request, so the upstream platform knows it comes from this hub and is not a replay:
 * {@value #SIGNATURE_HEADER}{@code : sha256=<hex>}, the HMAC-SHA256 under the shared secret of
 * {@code <timestamp>.<body>}, and the timestamp (Unix seconds) in {@value #TIMESTAMP_HEADER}. The receiver
 * recomputes it over the bytes it received and refuses a timestamp more than a few minutes from its clock.
 */
public final class WebhookSignature {
  public static final String SIGNATURE_HEADER = "X-CampusGuard-Signature";
  public static final String TIMESTAMP_HEADER = "X-CampusGuard-Timestamp";
  /** A secret shorter than this is guessable. */
  public static final int MIN_SECRET_LENGTH = 16;

  private final SecretKeySpec key;

  public WebhookSignature(String secret) {
    if (secret == null || secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalArgumentException("webhook.secret: at least " + MIN_SECRET_LENGTH + " characters");
    }
    this.key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
  }

  /** The {@value #SIGNATURE_HEADER} value for {@code body} sent at {@code epochSeconds}. */
  public String sign(long epochSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      mac.update((epochSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
