package io.campusguard.broker.access;

import com.hivemq.extension.sdk.api.ExtensionMain;
import com.hivemq.extension.sdk.api.async.Async;
import com.hivemq.extension.sdk.api.async.TimeoutFallback;
import com.hivemq.extension.sdk.api.auth.PublishAuthorizer;
import com.hivemq.extension.sdk.api.auth.SimpleAuthenticator;
import com.hivemq.extension.sdk.api.auth.SubscriptionAuthorizer;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.PublishAuthorizerOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthInput;
import com.hivemq.extension.sdk.api.auth.parameter.SimpleAuthOutput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerInput;
import com.hivemq.extension.sdk.api.auth.parameter.SubscriptionAuthorizerOutput;
import com.hivemq.extension.sdk.api.client.parameter.ClientTlsInformation;
import com.hivemq.extension.sdk.api.client.parameter.ConnectionInformation;
import com.hivemq.extension.sdk.api.packets.auth.DefaultAuthorizationBehaviour;
import com.hivemq.extension.sdk.api.packets.connect.ConnackReasonCode;
import com.hivemq.extension.sdk.api.packets.connect.ConnectPacket;
import com.hivemq.extension.sdk.api.packets.connect.WillPublishPacket;
import com.hivemq.extension.sdk.api.packets.publish.AckReasonCode;
import com.hivemq.extension.sdk.api.packets.subscribe.SubackReasonCode;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStartOutput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopInput;
import com.hivemq.extension.sdk.api.parameter.ExtensionStopOutput;
import com.hivemq.extension.sdk.api.services.Services;
import java.nio.ByteBuffer;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Enforces a {@link ClientAccess} in an embedded HiveMQ: an authenticator that checks client id, username and
 * bcrypt password (and the last will's topic) at CONNECT, keeps each client id to the identity that first
 * used it (no session takeover across identities while the broker runs), and authorizers that apply the topic
 * policy to every PUBLISH and SUBSCRIBE. Default deny: a client without an identity is refused everything.
 *
 * <p>On a TLS listener that asks for client certificates, a certificate the listener verified against its CA
 * proves the identity named by its common name: the client may then leave out the password (its username, if
 * given, must be that name; a password, if given, must still match). A certificate for another name than the
 * username is refused.
 */
public final class BrokerAccessExtension implements ExtensionMain {
  // The authenticated username, kept with the connection for the authorizers.
  static final String USERNAME_ATTRIBUTE = "campusguard.username";
  private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(10);
  // What the client is told: the same for unknown users and wrong passwords.
  private static final String BAD_LOGIN = "bad username or password";

  private final ClientAccess access;
  // A client id names a session: another identity taking it over would cut the owner off and inherit its queued
  // acks and subscriptions. Who owns which is decided by ClientIdOwnership from the accounts, not first come.
  private final RecentLogins recentLogins = new RecentLogins();

  public BrokerAccessExtension(ClientAccess access) {
    this.access = access;
  }

  @Override
  public void extensionStart(ExtensionStartInput in, ExtensionStartOutput out) {
    Authenticator authenticator = new Authenticator();
    Authorizer authorizer = new Authorizer();
    Services.securityRegistry().setAuthenticatorProvider(input -> authenticator);
    Services.securityRegistry().setAuthorizerProvider(input -> authorizer);
  }

  @Override
  public void extensionStop(ExtensionStopInput in, ExtensionStopOutput out) {}

  private final class Authenticator implements SimpleAuthenticator {
    @Override
    public void onConnect(SimpleAuthInput input, SimpleAuthOutput output) {
      ConnectPacket connect = input.getConnectPacket();
      String clientId = connect.getClientId();
      Optional<X509Certificate> certificate = input.getConnectionInformation().getClientTlsInformation()
          .flatMap(ClientTlsInformation::getClientCertificate);
      Optional<String> certificateName = certificate.map(BrokerAccessExtension::commonName);
      Optional<String> fingerprint = certificate.map(CertificateFingerprint::of);
      String username = connect.getUserName().or(() -> certificateName).orElse(null);
      Optional<String> badClientId = MqttNames.problem("clientId", clientId);
      Optional<String> badUsername = MqttNames.problem("username", username);
      if (badClientId.isPresent() || badUsername.isPresent()) {
        String reason = badClientId.orElseGet(badUsername::get);
        access.refused(new AccessRefusal(AccessRefusal.Kind.BAD_NAME, clientId, username, null, reason));
        output.failAuthentication(
            badClientId.isPresent() ? ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID : ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD,
            reason);
        return;
      }
      byte[] password = connect.getPassword().map(BrokerAccessExtension::bytes).orElse(null);
      Optional<String> willTopic = connect.getWillPublish().map(WillPublishPacket::getTopic);
      // bcrypt takes tens of milliseconds: off HiveMQ's threads, on the extension executor.
      Async<SimpleAuthOutput> async = output.async(AUTH_TIMEOUT, TimeoutFallback.FAILURE, ConnackReasonCode.SERVER_UNAVAILABLE, "try again");
      Services.extensionExecutorService().submit(() -> {
        try {
          decide(input.getConnectionInformation(), clientId, username, password, certificateName, fingerprint, willTopic, output);
        } finally {
          async.resume();
        }
      });
    }

    private void decide(
        ConnectionInformation connection, String clientId, String username, byte[] password, Optional<String> certificateName,
        Optional<String> fingerprint, Optional<String> willTopic, SimpleAuthOutput output) {
      Optional<String> refusal = loginRefusal(username, password, certificateName, fingerprint);
      if (refusal.isPresent()) {
        access.refused(new AccessRefusal(AccessRefusal.Kind.BAD_CREDENTIALS, clientId, username, null, refusal.get()));
        output.failAuthentication(ConnackReasonCode.BAD_USER_NAME_OR_PASSWORD, BAD_LOGIN);
        return;
      }
      if (!ClientIdOwnership.mayUse(username, clientId, access::knows)) {
        String owner = ClientIdOwnership.owner(clientId, access::knows).map(o -> "belongs to " + o).orElse("belongs to no account");
        access.refused(new AccessRefusal(AccessRefusal.Kind.BAD_NAME, clientId, username, null,
            "client id " + owner + ": it must be the username or start with the username and '-'"));
        output.failAuthentication(ConnackReasonCode.CLIENT_IDENTIFIER_NOT_VALID, "client id must be the username or start with the username and '-'");
        return;
      }
      Optional<String> willRefusal = willTopic.flatMap(t -> access.publishRefusal(username, t));
      if (willRefusal.isPresent()) {
        access.refused(new AccessRefusal(AccessRefusal.Kind.WILL_DENIED, clientId, username, willTopic.get(), willRefusal.get()));
        output.failAuthentication(ConnackReasonCode.NOT_AUTHORIZED, "last will topic not allowed");
        return;
      }
      connection.getConnectionAttributeStore().putAsString(USERNAME_ATTRIBUTE, username);
      // Should an authorizer ever pass on a decision, HiveMQ's default permissions deny too.
      output.getDefaultPermissions().setDefaultBehaviour(DefaultAuthorizationBehaviour.DENY);
      output.authenticateSuccessfully();
    }

    /**
     * Why this login fails, or empty. A password given is checked with bcrypt (as long for an unknown user), unless
     * the same username logged in with the same password moments ago ({@link RecentLogins}).
     */
    private Optional<String> loginRefusal(String username, byte[] password, Optional<String> certificateName, Optional<String> fingerprint) {
      if (certificateName.isPresent() && !certificateName.get().equals(username)) {
        return Optional.of("client certificate names " + certificateName.get() + ", not " + username);
      }
      if (fingerprint.isPresent() && password != null && access.boundToCertificate(username)) {
        // A certificate shown with a password must still be the bound one: a replaced box's certificate is revoked.
        Optional<String> replaced = access.certificateRefusal(username, fingerprint.get());
        if (replaced.isPresent()) {
          return replaced;
        }
      }
      if (password != null) {
        if (recentLogins.verifiedRecently(username, password)) {
          return Optional.empty();
        }
        if (!access.authenticate(username, password)) {
          return Optional.of("unknown user or wrong password");
        }
        recentLogins.remember(username, password);
        return Optional.empty();
      }
      if (fingerprint.isPresent()) {
        return access.certificateRefusal(username, fingerprint.get());
      }
      // No bcrypt here: a CONNECT without a password names no secret to compare, and checking a decoy cost the
      // hub a hash per CONNECT anyone could send.
      return Optional.of("no password");
    }
  }

  private final class Authorizer implements PublishAuthorizer, SubscriptionAuthorizer {
    @Override
    public void authorizePublish(PublishAuthorizerInput input, PublishAuthorizerOutput output) {
      String topic = input.getPublishPacket().getTopic();
      String username = usernameOf(input.getConnectionInformation());
      Optional<String> refusal = username == null ? Optional.of("not authenticated") : access.publishRefusal(username, topic);
      if (refusal.isEmpty()) {
        output.authorizeSuccessfully();
        return;
      }
      access.refused(new AccessRefusal(
          AccessRefusal.Kind.PUBLISH_DENIED, input.getClientInformation().getClientId(), username, topic, refusal.get()));
      output.failAuthorization(AckReasonCode.NOT_AUTHORIZED, "not authorized");
    }

    @Override
    public void authorizeSubscribe(SubscriptionAuthorizerInput input, SubscriptionAuthorizerOutput output) {
      String filter = input.getSubscription().getTopicFilter();
      String username = usernameOf(input.getConnectionInformation());
      Optional<String> refusal = username == null ? Optional.of("not authenticated") : access.subscribeRefusal(username, filter);
      if (refusal.isEmpty()) {
        output.authorizeSuccessfully();
        return;
      }
      access.refused(new AccessRefusal(
          AccessRefusal.Kind.SUBSCRIBE_DENIED, input.getClientInformation().getClientId(), username, filter, refusal.get()));
      output.failAuthorization(SubackReasonCode.NOT_AUTHORIZED, "not authorized");
    }
  }

  private static String usernameOf(ConnectionInformation connection) {
    return connection.getConnectionAttributeStore().getAsString(USERNAME_ATTRIBUTE).orElse(null);
  }

  /** The certificate subject's CN, or a name no account has (so the login fails) when it has none. */
  static String commonName(X509Certificate certificate) {
    try {
      for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
        if (rdn.getType().equalsIgnoreCase("CN")) {
          return String.valueOf(rdn.getValue());
        }
      }
    } catch (InvalidNameException e) {
      // falls through
    }
    return "#no-common-name";
  }

  private static byte[] bytes(ByteBuffer buffer) {
    ByteBuffer copy = buffer.asReadOnlyBuffer();
    copy.rewind();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }
}
