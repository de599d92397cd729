package io.campusguard.simulators.launcher;

import io.campusguard.broker.access.BcryptPasswords;
import io.campusguard.broker.access.CampusMosquittoFiles;
import io.campusguard.broker.access.DeviceAccounts;
import io.campusguard.devices.Ids;
import io.campusguard.simulators.county.Campus;
import io.campusguard.simulators.county.CountyScenario;
import io.campusguard.simulators.county.SimDevice;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code device-access}: one campus's device accounts for the gateway's embedded campus broker, each device
 * with a new random password (username = device id); see {@link DeviceAccounts}. When Mosquitto's
 * {@code mosquitto_passwd} is at hand it also writes, for a campus running Mosquitto as its campus broker
 * ({@code campusBroker.url}), that broker's password file, ACL and config, with a gateway account that may read
 * the campus's topics; see {@link CampusMosquittoFiles}.
 */
@Command(
    name = "device-access",
    mixinStandardHelpOptions = true,
    description = "Generate a campus's device accounts for the gateway's embedded campus broker (bcrypt file + the passwords to configure into the devices).")
final class DeviceAccessCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", required = true, description = "folder to write into (created if missing)")
  Path out;

  @Option(names = "--campus", required = true, description = "the campus id, e.g. LP-017")
  String campus;

  @Option(names = "--devices", split = ",", description = "device ids (default: the simulated county's devices of --campus)")
  List<String> devices;

  @Option(names = "--seed", defaultValue = "2025", description = "simulated county's seed, when --devices is not given (default ${DEFAULT-VALUE})")
  long seed;

  @Option(names = "--force", description = "replace files already in --out")
  boolean force;

  @Option(names = "--gateway-user", defaultValue = "gateway",
      description = "the gateway's account on a Mosquitto campus broker (default ${DEFAULT-VALUE})")
  String gatewayUser;

  @Option(names = "--mosquitto-passwd", description = "mosquitto_passwd, to write the Mosquitto campus broker's files (default: "
      + "/usr/bin/mosquitto_passwd if it exists)")
  Path mosquittoPasswd;

  @Option(names = "--mosquitto-bind", defaultValue = "127.0.0.1",
      description = "the Mosquitto campus broker's listener address: the campus LAN address the devices reach (default ${DEFAULT-VALUE})")
  String mosquittoBind;

  @Option(names = "--mosquitto-port", defaultValue = "1883", description = "the Mosquitto campus broker's port (default ${DEFAULT-VALUE})")
  int mosquittoPort;

  @Override
  public Integer call() throws Exception {
    PrintWriter print = spec.commandLine().getOut();
    if (!Ids.isValid(campus)) {
      throw new ParameterException(spec.commandLine(), "campus: " + campus + " is not an allowed id");
    }
    List<String> ids = devices != null ? devices : CountyScenario.generate(seed).campuses().stream()
        .filter(c -> c.id().equals(campus)).findFirst().map(Campus::devices)
        .orElseThrow(() -> new ParameterException(spec.commandLine(), "campus: " + campus + " is not in the simulated county; give --devices"))
        .stream().map(SimDevice::id).toList();
    for (String id : ids) {
      if (!Ids.isValid(id)) {
        throw new ParameterException(spec.commandLine(), "devices: " + id + " is not an allowed id");
      }
    }
    if (!Ids.isValid(gatewayUser) || ids.contains(gatewayUser)) {
      throw new ParameterException(spec.commandLine(), "gateway-user: " + gatewayUser + " is not an allowed id or is also a device id");
    }
    if (mosquittoPort < 1 || mosquittoPort > 65535) {
      throw new ParameterException(spec.commandLine(), "mosquitto-port: outside 1..65535");
    }
    Optional<Path> passwdTool = BrokerAccessCommand.passwdTool(mosquittoPasswd, spec);
    boolean exists = Stream.concat(Stream.of(DeviceAccounts.ACCOUNTS, DeviceAccounts.CREDENTIALS), CampusMosquittoFiles.ALL.stream())
        .map(out::resolve).anyMatch(Files::exists);
    if (!force && exists) {
      throw new ParameterException(spec.commandLine(), "out: device accounts already exist in " + out + "; --force replaces them (and every old password)");
    }
    BcryptPasswords passwords = new BcryptPasswords();
    Map<String, String> plain = new LinkedHashMap<>();
    for (String id : ids) {
      if (plain.put(id, passwords.generate()) != null) {
        throw new ParameterException(spec.commandLine(), "devices: " + id + " is given twice");
      }
    }
    print.printf("… hashing %d passwords (bcrypt)%n", plain.size());
    print.flush();
    DeviceAccounts.writeFiles(out, plain, passwords);
    print.printf("campus %s: %d device accounts in %s (mode 0600):%n", campus, plain.size(), out.toAbsolutePath());
    // The installed path the guide copies it to (install.md), not this folder, which holds the plain passwords too.
    print.printf("  %-24s bcrypt hashes: embeddedBroker: { deviceAccounts: %s }%n", DeviceAccounts.ACCOUNTS,
        InstalledPaths.ETC.resolve(campus).resolve(DeviceAccounts.ACCOUNTS));
    print.printf("  %-24s each device's password (MQTT username = its id): configure them, then delete this file%n", DeviceAccounts.CREDENTIALS);
    if (passwdTool.isPresent()) {
      CampusMosquittoFiles.write(out, campus, gatewayUser, passwords.generate(), plain, passwdTool.get(),
          new CampusMosquittoFiles.Listener(mosquittoBind, mosquittoPort));
      print.printf("Mosquitto as the campus broker instead (gateway.yaml campusBroker.url), also mode 0600:%n");
      print.printf("  %-24s ACL, default deny: each device only campus/%s/+/<its id>, %s reads campus/%s/#%n",
          CampusMosquittoFiles.ACL, campus, gatewayUser, campus);
      print.printf("  %-24s password file (hashed by %s)%n", CampusMosquittoFiles.PASSWD, passwdTool.get());
      print.printf("  %-24s mosquitto -c %s  (listener %s:%d; chown mosquitto the two files above)%n", CampusMosquittoFiles.CONF,
          out.resolve(CampusMosquittoFiles.CONF).toAbsolutePath(), mosquittoBind, mosquittoPort);
      // Plaintext to the campus LAN is refused by the gateway unless allowed on the link; on loopback it is not needed.
      boolean loopback = mosquittoBind.startsWith("127.") || mosquittoBind.equals("localhost") || mosquittoBind.equals("::1");
      print.printf("  %-24s the gateway's password: campusBroker: { url: tcp://%s:%d, username: %s, password: <from it>%s }%n",
          CampusMosquittoFiles.GATEWAY_CREDENTIALS, mosquittoBind, mosquittoPort, gatewayUser, loopback ? "" : ", allowPlaintext: true");
    } else {
      // Old Mosquitto files must not stay beside the new accounts with the old passwords in them.
      for (String name : CampusMosquittoFiles.ALL) {
        Files.deleteIfExists(out.resolve(name));
      }
      print.printf("Mosquitto campus broker files skipped: no mosquitto_passwd at %s (give --mosquitto-passwd PATH)%n",
          BrokerAccessCommand.DEFAULT_MOSQUITTO_PASSWD);
    }
    print.printf("each device may publish only campus/%s/<kind>/<its own id>%n", campus);
    print.flush();
    return 0;
  }
}
