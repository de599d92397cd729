package io.campusguard.hub.notify;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A person the hub may notify, with the channels to reach them in the order to try them: the first that delivers
 * wins, a failing one falls over to the next. {@code mobile} is used by SMS and to mention the person in a WeCom or
 * DingTalk group; {@code email} by e-mail.
 */
public record Recipient(String name, String mobile, String email, List<String> channels) {
  public static final Set<String> CHANNELS = Set.of(WeComRobot.NAME, DingTalkRobot.NAME, SmsGateway.NAME, SmtpMail.NAME);

  public Recipient {
    Objects.requireNonNull(name, "name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("name: blank");
    }
    channels = channels == null ? List.of() : List.copyOf(channels);
    if (channels.isEmpty()) {
      throw new IllegalArgumentException("channels: at least one of " + String.join(", ", CHANNELS.stream().sorted().toList()));
    }
    for (String c : channels) {
      if (!CHANNELS.contains(c)) {
        throw new IllegalArgumentException("channels: unknown channel " + c + " (one of " + String.join(", ", CHANNELS.stream().sorted().toList()) + ")");
      }
    }
    if (mobile != null && !mobile.matches("\\+?[0-9]{5,20}")) {
      throw new IllegalArgumentException("mobile: digits only, optionally with a leading +");
    }
    if (email != null && !email.matches("[^@\\s]+@[^@\\s]+")) {
      throw new IllegalArgumentException("email: not an address");
    }
    if (channels.contains(SmsGateway.NAME) && mobile == null) {
      throw new IllegalArgumentException("mobile: required for the sms channel");
    }
    if (channels.contains(SmtpMail.NAME) && email == null) {
      throw new IllegalArgumentException("email: required for the email channel");
    }
  }

  /** How this person appears in the alarm's history: name and the address the channel used. */
  public String label(String channel) {
    String address = SmtpMail.NAME.equals(channel) ? email : mobile;
    return address == null ? name : name + " (" + address + ")";
  }
}
