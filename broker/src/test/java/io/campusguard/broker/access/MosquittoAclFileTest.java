package io.campusguard.broker.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.campusguard.broker.BrokerSettings;
import java.nio.file.Path;
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

  /** Verifies a campus ACL: the gateway reads its campus, each device writes only its own topics, nothing else. */
  @Test
  void campusAclGivesEachDeviceOnlyItsOwnTopics() {
    String acl = MosquittoAclFile.campusText("LP-001", "gateway", List.of("PB-001", "CAM-7"));

    assertThat(acl.lines().filter(l -> !l.isBlank() && !l.startsWith("#"))).containsExactly(
        "user gateway", "topic read campus/LP-001/#",
        "user PB-001", "topic write campus/LP-001/+/PB-001",
        "user CAM-7", "topic write campus/LP-001/+/CAM-7");
    for (String bad : List.of("#", "PB+1", "PB/1", "a b")) {
      assertThatThrownBy(() -> MosquittoAclFile.campusText("LP-001", "gateway", List.of(bad))).as(bad).hasMessageStartingWith("device");
      assertThatThrownBy(() -> MosquittoAclFile.campusText("LP-001", bad, List.of("PB-1"))).as(bad).hasMessageStartingWith("gateway-user");
    }
  }

  /** Verifies that both generated Mosquitto configs limit the packet size to the embedded brokers' defaults. */
  @Test
  void mosquittoConfigsLimitThePacketSize() {
    Path f = Path.of("x");
    assertThat(MosquittoConfFile.text(1883, f, f, null, MosquittoConfFile.DEFAULT_DATA_DIR, new CountyBurst(2, 5_000)))
        .contains("max_packet_size " + BrokerSettings.COUNTY_MAX_PACKET_SIZE + "\n");
    assertThat(MosquittoConfFile.campusText("LP-001", "127.0.0.1", 1883, f, f))
        .contains("max_packet_size " + BrokerSettings.CAMPUS_MAX_PACKET_SIZE + "\n", "allow_anonymous false\n",
            "listener 1883 127.0.0.1\n");
  }

  /**
   * Verifies that the generated configs tie client ids to usernames where other clients connect: the county's
   * gateway (TLS) listener, a campus broker's devices on a LAN address (the gateway then on loopback, same port).
   */
  @Test
  void clientIdsAreTiedToUsernamesOnSharedListeners() {
    Path f = Path.of("x");
    MosquittoConfFile.Tls tls = new MosquittoConfFile.Tls(8883, f, f, f);
    String county = MosquittoConfFile.text(1883, f, f, tls, MosquittoConfFile.DEFAULT_DATA_DIR, new CountyBurst(2, 5_000));
    assertThat(county.substring(county.indexOf("listener 8883"))).contains("use_username_as_clientid true\n");
    assertThat(county.substring(0, county.indexOf("listener 8883"))).doesNotContain("use_username_as_clientid");
    String lan = MosquittoConfFile.campusText("LP-001", "192.168.10.2", 1883, f, f);
    assertThat(lan).contains("listener 1883 192.168.10.2\nuse_username_as_clientid true\n").contains("listener 1883 127.0.0.1\n");
    assertThat(lan.substring(lan.indexOf("listener 1883 127.0.0.1"))).doesNotContain("use_username_as_clientid");
    // control: on loopback one listener, ids as the clients give them
    assertThat(MosquittoConfFile.campusText("LP-001", "127.0.0.1", 1883, f, f)).doesNotContain("use_username_as_clientid");
  }
}
