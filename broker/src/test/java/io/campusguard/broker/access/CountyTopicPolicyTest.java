package io.campusguard.broker.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The county ACL as plain Java: what a gateway and the hub may publish and subscribe to, default deny. */
class CountyTopicPolicyTest {
  private final CountyTopicPolicy policy = CountyTopicPolicy.standard();
  private final BrokerIdentity gw = BrokerIdentity.gateway("LP-017");
  private final BrokerIdentity hub = BrokerIdentity.hub("hub");

  /** Verifies that a gateway publishes its own events, alarms and status (its last will's topic) and nothing else. */
  @Test
  void gatewayPublishesOnlyItsOwnEventsAndStatus() {
    assertThat(policy.publishRefusal(gw, "county/LP-017/events")).isEmpty();
    assertThat(policy.publishRefusal(gw, "county/LP-017/alarms")).isEmpty();
    assertThat(policy.publishRefusal(gw, "county/LP-017/status")).isEmpty();
    assertThat(policy.publishRefusal(gw, "county/LP-018/alarms")).hasValueSatisfying(r -> assertThat(r).contains("LP-018"));

    assertThat(policy.publishRefusal(gw, "county/LP-018/events")).hasValueSatisfying(r -> assertThat(r).contains("LP-018"));
    assertThat(policy.publishRefusal(gw, "county/LP-017/ack")).isPresent();
    assertThat(policy.publishRefusal(gw, "county/LP-017/cmd")).isPresent();
    assertThat(policy.publishRefusal(gw, "county/LP-017/events/x")).isPresent();
    assertThat(policy.publishRefusal(gw, "county/LP-017")).isPresent();
    assertThat(policy.publishRefusal(gw, "campus/LP-017/panic/PB-1")).isPresent();
    assertThat(policy.publishRefusal(gw, "county/+/events")).isPresent();
    assertThat(policy.publishRefusal(gw, "county/#")).isPresent();
    assertThat(policy.publishRefusal(gw, "County/LP-017/events")).isPresent();
    assertThat(policy.publishRefusal(gw, "county/LP-017 /events")).isPresent();
    assertThat(policy.publishRefusal(gw, "")).isPresent();
  }

  /** Verifies that a gateway subscribes only to its own ack and cmd topics by their exact names. */
  @Test
  void gatewaySubscribesOnlyToItsOwnAckAndCmdExactly() {
    assertThat(policy.subscribeRefusal(gw, "county/LP-017/ack")).isEmpty();
    assertThat(policy.subscribeRefusal(gw, "county/LP-017/cmd")).isEmpty();

    for (String filter : new String[] {
        "#", "+/#", "county/#", "county/+/ack", "county/LP-017/#", "county/LP-017/+", "county/LP-018/ack",
        "county/LP-017/events", "$share/hub/county/+/events", "$share/x/county/LP-017/ack", "$SYS/#"}) {
      assertThat(policy.subscribeRefusal(gw, filter)).as(filter).isPresent();
    }
  }

  /** Verifies that the hub reads events through its shared group and status, and writes acks and commands. */
  @Test
  void hubReadsSharedEventsAndWritesAcks() {
    assertThat(policy.subscribeRefusal(hub, "$share/hub/county/+/events")).isEmpty();
    assertThat(policy.subscribeRefusal(hub, "$share/hub/county/+/alarms")).isEmpty();
    assertThat(policy.subscribeRefusal(hub, "$share/hub/county/+/status")).isEmpty();
    assertThat(policy.subscribeRefusal(hub, "county/+/status")).isEmpty();
    assertThat(policy.publishRefusal(hub, "county/LP-001/ack")).isEmpty();
    assertThat(policy.publishRefusal(hub, "county/LP-129/cmd")).isEmpty();

    assertThat(policy.subscribeRefusal(hub, "#")).isPresent();
    assertThat(policy.subscribeRefusal(hub, "$share/other/county/+/events")).isPresent();
    assertThat(policy.publishRefusal(hub, "county/LP-001/events")).isPresent();
    assertThat(policy.publishRefusal(hub, "county/LP-001/status")).isPresent();
  }

  /** Verifies that other shared groups can be granted to the hub, and that the group names are checked. */
  @Test
  void hubGroupsAreConfigurableAndChecked() {
    CountyTopicPolicy two = new CountyTopicPolicy(Set.of("hub", "hub-b"));
    assertThat(two.subscribeRefusal(hub, "$share/hub-b/county/+/events")).isEmpty();
    assertThatThrownBy(() -> new CountyTopicPolicy(Set.of("a/#"))).hasMessageContaining("hubGroups");
    assertThatThrownBy(() -> new CountyTopicPolicy(Set.of())).hasMessageContaining("hubGroups");
  }

  /** Verifies that identities are bound to well-formed campus ids and usernames. */
  @Test
  void identitiesAreChecked() {
    assertThat(gw.username()).isEqualTo("gw-LP-017");
    assertThatThrownBy(() -> BrokerIdentity.gateway("LP-0#")).hasMessageContaining("campus");
    assertThatThrownBy(() -> BrokerIdentity.gateway("LP/1")).hasMessageContaining("campus");
    assertThatThrownBy(() -> new BrokerIdentity("gw-LP-001", BrokerIdentity.Role.GATEWAY, "LP-002")).hasMessageContaining("username");
    assertThatThrownBy(() -> BrokerIdentity.hub("gw-LP-001")).hasMessageContaining("username");
    assertThatThrownBy(() -> BrokerIdentity.hub("hub+")).hasMessageContaining("username");
  }
}
