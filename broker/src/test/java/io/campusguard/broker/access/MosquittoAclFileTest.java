package io.campusguard.broker.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The generated Mosquitto ACL: per-user grants, no patterns. */
class MosquittoAclFileTest {
  /** Verifies each user's lines, the shared subscription's two lines, and that no pattern line is written. */
  @Test
  void listsEachUsersGrantsAndNoPatterns() {
    String acl = MosquittoAclFile.text(List.of(BrokerIdentity.hub("hub"), BrokerIdentity.gateway("LP-001")), CountyTopicPolicy.standard());

    assertThat(acl).contains(String.join("\n",
        "user gw-LP-001",
        "topic write county/LP-001/events",
        "topic write county/LP-001/alarms",
        "topic write county/LP-001/status",
        "topic read county/LP-001/ack",
        "topic read county/LP-001/cmd"));
    assertThat(acl).contains(String.join("\n",
        "user hub",
        "topic read $share/hub/county/+/events",
        "topic read county/+/events"));
    assertThat(acl).contains("topic write county/+/ack\n").contains("topic write county/+/cmd\n");
    assertThat(acl.lines().filter(l -> l.startsWith("pattern") || l.contains("#") && !l.startsWith("#"))).isEmpty();
    assertThat(acl.lines().filter(l -> l.startsWith("topic") && !l.matches("topic (read|write) \\S+"))).isEmpty();
  }
}
