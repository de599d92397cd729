package io.campusguard.broker.access;

import io.campusguard.devices.Ids;
import io.campusguard.devices.Topics;
import java.util.Collection;

/**
 * Mosquitto's ACL files, for the county broker and for a campus broker. Mosquitto denies whatever no line allows once an
 * {@code acl_file} is set, so the file lists each user's grants and nothing else. It holds no {@code pattern}
 * lines: {@code %c}/{@code %u} substitution is what CVE-2017-7650 abused with a client id of {@code #}.
 */
public final class MosquittoAclFile {
  private static final String SHARE_PREFIX = "$share/";

  private MosquittoAclFile() {}

  public static String text(Collection<BrokerIdentity> identities, CountyTopicPolicy policy) {
    StringBuilder out = new StringBuilder(
        "# CampusGuard county broker ACL (generated; default deny: each user may do only what is listed under it)\n");
    for (BrokerIdentity id : identities) {
      out.append('\n').append("user ").append(id.username()).append('\n');
      // Each line once: a plain filter may be granted in its own right and also follow from a shared one.
      java.util.Set<String> lines = new java.util.LinkedHashSet<>();
      for (TopicGrant g : policy.grants(id)) {
        if (g.access() == TopicGrant.Access.WRITE) {
          lines.add("topic write " + g.filter());
        } else {
          lines.add("topic read " + g.filter());
          if (g.filter().startsWith(SHARE_PREFIX)) {
            // Mosquitto checks a shared subscription under its full name, and each message it then delivers
            // under the message's own topic: both need a line.
            lines.add("topic read " + g.filter().substring(g.filter().indexOf('/', SHARE_PREFIX.length()) + 1));
          }
        }
      }
      lines.forEach(line -> out.append(line).append('\n'));
    }
    return out.toString();
  }

  /**
   * A campus broker's ACL: each device may publish only its own reports, {@code campus/{campus}/+/{device}}
   * (any kind, its own id, this campus), and read nothing; the gateway's account may read
   * {@code campus/{campus}/#} and publish nothing. Ids are checked here, so no name can carry {@code #},
   * {@code +} or {@code /} into a line.
   */
  public static String campusText(String campus, String gatewayUser, Collection<String> devices) {
    Ids.require("campus", campus);
    StringBuilder out = new StringBuilder(
        "# CampusGuard campus broker ACL for " + campus + " (generated; default deny: each user may do only what is listed under it)\n")
        .append('\n').append("user ").append(Ids.require("gateway-user", gatewayUser)).append('\n')
        .append("topic read ").append(Topics.campusFilter(campus)).append('\n');
    for (String device : devices) {
      out.append('\n').append("user ").append(Ids.require("device", device)).append('\n')
          .append("topic write ").append(Topics.CAMPUS_ROOT).append('/').append(campus).append("/+/").append(device).append('\n');
    }
    return out.toString();
  }
}
