package io.campusguard.hub.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Whether a state-changing request comes from the hub's own pages: its {@code Origin} (or, when a browser sends
 * none, its {@code Referer}) must name the host and port the request was sent to ({@code Host}). The scheme is
 * not compared, so the check holds behind a proxy that ends TLS. A request with neither header is refused: every
 * browser sends {@code Origin} with a same-origin POST (the console's {@code Referrer-Policy: same-origin} keeps it
 * so), and other clients can send it too.
 */
public final class SameOrigin {
  private SameOrigin() {}

  public static boolean check(String origin, String referer, String host, boolean tls) {
    if (host == null || host.isBlank()) {
      return false;
    }
    String source = origin != null ? origin : referer;
    if (source == null || source.equals("null")) {
      return false;
    }
    String authority = authority(source);
    return authority != null && authority.equals(normalise(host.trim().toLowerCase(Locale.ROOT), tls ? 443 : 80));
  }

  private static String authority(String url) {
    try {
      URI u = new URI(url);
      if (u.getHost() == null || u.getScheme() == null || u.getRawUserInfo() != null) {
        return null;
      }
      String scheme = u.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        return null;
      }
      int port = u.getPort() >= 0 ? u.getPort() : (scheme.equals("https") ? 443 : 80);
      return u.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private static String normalise(String host, int defaultPort) {
    int colon = host.lastIndexOf(':');
    boolean hasPort = colon > 0 && host.indexOf(']') < colon;
    return hasPort ? host : host + ":" + defaultPort;
  }
}
