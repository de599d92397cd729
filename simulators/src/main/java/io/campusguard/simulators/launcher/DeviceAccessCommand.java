package io.campusguard.simulators.launcher;

import io.campusguard.broker.access.BcryptPasswords;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code device-access}: one campus's device accounts for the gateway's embedded campus broker, each device
 * with a new random password (username = device id); see {@link DeviceAccounts}.
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
    if (!force && (Files.exists(out.resolve(DeviceAccounts.ACCOUNTS)) || Files.exists(out.resolve(DeviceAccounts.CREDENTIALS)))) {
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
    print.printf("  %-24s bcrypt hashes: embeddedBroker: { deviceAccounts: %s }%n", DeviceAccounts.ACCOUNTS,
        out.resolve(DeviceAccounts.ACCOUNTS).toAbsolutePath());
    print.printf("  %-24s each device's password (MQTT username = its id): configure them, then delete this file%n", DeviceAccounts.CREDENTIALS);
    print.printf("each device may publish only campus/%s/<kind>/<its own id>%n", campus);
    print.flush();
    return 0;
  }
}
