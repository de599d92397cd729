package io.campusguard.broker.access;

import io.campusguard.devices.Ids;
import io.campusguard.devices.Topics;
import io.campusguard.devices.Topics.CountyChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The county broker's topic ACL, default deny. A gateway publishes only its own campus's events and status
 * (the status topic carries its last will too) and subscribes only to its own ack and command topics, each by
 * its exact name, never a wildcard. The hub reads every campus's events through a shared subscription and
 * every campus's status, and writes acks and commands to any campus.
 *
 * <p>The same grants drive the embedded broker's authorizers and the generated Mosquitto ACL file, so the two
 * brokers enforce one policy.
 */
public final class CountyTopicPolicy {
  private final Set<String> hubGroups;

  /** @param hubGroups the shared-subscription groups the hub instances use (the hub's default is {@code hub}) */
  public CountyTopicPolicy(Set<String> hubGroups) {
    if (hubGroups.isEmpty()) {
      throw new IllegalArgumentException("hubGroups: at least one shared-subscription group");
    }
    hubGroups.forEach(g -> Ids.require("hubGroups", g));
    this.hubGroups = Set.copyOf(new TreeSet<>(hubGroups));
  }

  /** The policy for hubs that use the shared group {@code hub}. */
  public static CountyTopicPolicy standard() {
    return new CountyTopicPolicy(Set.of("hub"));
  }

  /** Everything {@code identity} may do; nothing else is allowed. */
  public List<TopicGrant> grants(BrokerIdentity identity) {
    List<TopicGrant> grants = new ArrayList<>();
    if (identity.role() == BrokerIdentity.Role.GATEWAY) {
      String campus = identity.campus();
      grants.add(write(Topics.county(campus, CountyChannel.EVENTS)));
      grants.add(write(Topics.county(campus, CountyChannel.ALARMS)));
      grants.add(write(Topics.county(campus, CountyChannel.STATUS)));
      grants.add(read(Topics.county(campus, CountyChannel.ACK)));
      grants.add(read(Topics.county(campus, CountyChannel.CMD)));
    } else {
      for (String group : new TreeSet<>(hubGroups)) {
        grants.add(read(Topics.countySharedFilter(group, CountyChannel.EVENTS)));
        grants.add(read(Topics.countySharedFilter(group, CountyChannel.ALARMS)));
        grants.add(read(Topics.countySharedFilter(group, CountyChannel.STATUS)));
      }
      // Every hub instance follows every campus's link state, so status is also read without a group; a hub that
      // is its broker's only reader (the one-box hub on its embedded broker) reads events and alarms so too.
      grants.add(read(anyCampus(CountyChannel.STATUS)));
      grants.add(read(anyCampus(CountyChannel.EVENTS)));
      grants.add(read(anyCampus(CountyChannel.ALARMS)));
      grants.add(write(anyCampus(CountyChannel.ACK)));
      grants.add(write(anyCampus(CountyChannel.CMD)));
    }
    return List.copyOf(grants);
  }

  /** Why {@code identity} may not publish to {@code topic} (its last will included), or empty when it may. */
  public Optional<String> publishRefusal(BrokerIdentity identity, String topic) {
    var parsed = Topics.parseCounty(topic);
    if (!parsed.isOk()) {
      return Optional.of("not a county topic");
    }
    Topics.CountyTopic where = parsed.orElseThrow();
    for (TopicGrant g : grants(identity)) {
      if (g.access() == TopicGrant.Access.WRITE && matches(g.filter(), where)) {
        return Optional.empty();
      }
    }
    return Optional.of(identity.role() == BrokerIdentity.Role.GATEWAY && !where.campus().equals(identity.campus())
        ? "campus " + where.campus() + " is not this gateway's campus " + identity.campus()
        : "channel " + where.channel().wireName() + " is not writable by " + identity.role().wireName());
  }

  /** Why {@code identity} may not subscribe to {@code filter}, or empty when it may. */
  public Optional<String> subscribeRefusal(BrokerIdentity identity, String filter) {
    for (TopicGrant g : grants(identity)) {
      if (g.access() == TopicGrant.Access.READ && g.filter().equals(filter)) {
        return Optional.empty();
      }
    }
    return Optional.of("not one of the filters granted to " + identity.role().wireName() + " " + identity.username());
  }

  private static boolean matches(String grantFilter, Topics.CountyTopic topic) {
    String[] levels = grantFilter.split("/", -1);
    // parseCounty has checked the root and that the campus level is an allowed id (no wildcard can get here).
    return (levels[1].equals("+") || levels[1].equals(topic.campus())) && levels[2].equals(topic.channel().wireName());
  }

  private static String anyCampus(CountyChannel channel) {
    return Topics.anyCampus(channel);
  }

  private static TopicGrant write(String filter) {
    return new TopicGrant(TopicGrant.Access.WRITE, filter);
  }

  private static TopicGrant read(String filter) {
    return new TopicGrant(TopicGrant.Access.READ, filter);
  }
}
