package io.campusguard.broker.access;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a campus that runs its own Mosquitto as campus broker (the gateway's {@code campusBroker.url}) needs,
 * all mode 0600: {@value #ACL} (default deny; each device only its own topics, the gateway reads the campus),
 * {@value #PASSWD} (hashed by Mosquitto's own {@code mosquitto_passwd}), {@value #CONF} (a config using both)
 * and {@value #GATEWAY_CREDENTIALS} (the gateway account's password, for {@code campusBroker.password}).
 */
public final class CampusMosquittoFiles {
  public static final String ACL = "campus-mosquitto.acl";
  public static final String PASSWD = "campus-mosquitto.passwd";
  public static final String CONF = "mosquitto-campus.conf";
  public static final String GATEWAY_CREDENTIALS = "gateway-credentials.tsv";
  public static final List<String> ALL = List.of(ACL, PASSWD, CONF, GATEWAY_CREDENTIALS);

  /** Where the devices and the gateway reach the campus's Mosquitto. */
  public record Listener(String bindAddress, int port) {}

  private CampusMosquittoFiles() {}

  /**
   * Writes the four files into {@code dir}. Blocks while {@code mosquitto_passwd} hashes the passwords.
   *
   * @param devicePasswords each device id and its plain password (the same as in its embedded-broker account)
   * @throws IllegalArgumentException naming the field when an id is not an allowed id or the gateway user is
   *     also a device
   */
  public static void write(
      Path dir, String campus, String gatewayUser, String gatewayPassword, Map<String, String> devicePasswords, Path mosquittoPasswd,
      Listener listener) throws IOException {
    if (devicePasswords.containsKey(gatewayUser)) {
      throw new IllegalArgumentException("gateway-user: " + gatewayUser + " is also a device id");
    }
    String acl = MosquittoAclFile.campusText(campus, gatewayUser, devicePasswords.keySet());
    Map<String, String> users = new LinkedHashMap<>();
    users.put(gatewayUser, gatewayPassword);
    users.putAll(devicePasswords);
    Files.createDirectories(dir);
    CountyBrokerFiles.writeOwnerOnly(dir.resolve(ACL), acl);
    CountyBrokerFiles.writeMosquittoPasswords(mosquittoPasswd, dir.resolve(PASSWD), users);
    CountyBrokerFiles.writeOwnerOnly(dir.resolve(CONF),
        MosquittoConfFile.campusText(campus, listener.bindAddress(), listener.port(), dir.resolve(PASSWD), dir.resolve(ACL)));
    CountyBrokerFiles.writeOwnerOnly(dir.resolve(GATEWAY_CREDENTIALS), "username\tpassword\n" + gatewayUser + "\t" + gatewayPassword + "\n");
  }
}
