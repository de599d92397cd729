package io.campusguard.broker.access;

import java.util.Collection;

/**
 * Mosquitto's ACL file for the county broker. Mosquitto denies whatever no line allows once an
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
      for (TopicGrant g : policy.grants(id)) {
        if (g.access() == TopicGrant.Access.WRITE) {
          out.append("topic write ").append(g.filter()).append('\n');
        } else {
          out.append("topic read ").append(g.filter()).append('\n');
          if (g.filter().startsWith(SHARE_PREFIX)) {
            // Mosquitto checks a shared subscription under its full name, and each message it then delivers
            // under the message's own topic: both need a line.
            String plain = g.filter().substring(g.filter().indexOf('/', SHARE_PREFIX.length()) + 1);
            out.append("topic read ").append(plain).append('\n');
          }
        }
      }
    }
    return out.toString();
  }
}
