package io.campusguard.broker.access;

import io.campusguard.devices.Ids;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The devices allowed on one campus broker, each with the bcrypt hash of its password: the MQTT username is the
 * device id. Read from a file of one device per line, {@code deviceId hash} separated by spaces; {@code #}
 * starts a comment. A bad file is refused whole, naming the line and the field.
 */
public final class DeviceAccounts {
  private final Map<String, String> hashes;
  private final BcryptPasswords passwords;

  /** @param hashes device id to bcrypt hash */
  public DeviceAccounts(Map<String, String> hashes, BcryptPasswords passwords) {
    Map<String, String> copy = new LinkedHashMap<>();
    hashes.forEach((device, hash) -> {
      Ids.require("device", device);
      if (!BcryptPasswords.isBcrypt(hash)) {
        throw new IllegalArgumentException("hash of " + device + ": not a bcrypt hash ($2y$NN$…)");
      }
      copy.put(device, hash);
    });
    this.hashes = Collections.unmodifiableMap(copy);
    this.passwords = passwords;
  }

  /** Whether {@code password} is the device's; as slow for an unknown device as for a wrong password. */
  public boolean authenticate(String device, byte[] password) {
    String hash = device == null ? null : hashes.get(device);
    return passwords.matches(hash, password) && hash != null;
  }

  public boolean contains(String device) {
    return device != null && hashes.containsKey(device);
  }

  public int size() {
    return hashes.size();
  }

  /** Reads an accounts file; throws {@link IllegalArgumentException} naming the file, line and field. */
  public static DeviceAccounts read(Path file, BcryptPasswords passwords) throws IOException {
    Map<String, String> hashes = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String at = file + " line " + (i + 1) + ": ";
      String[] f = line.split("\\s+");
      if (f.length != 2) {
        throw new IllegalArgumentException(at + "expected 2 fields (deviceId hash), got " + f.length);
      }
      if (!Ids.isValid(f[0])) {
        throw new IllegalArgumentException(at + "deviceId: not an allowed id");
      }
      if (!BcryptPasswords.isBcrypt(f[1])) {
        throw new IllegalArgumentException(at + "hash: not a bcrypt hash ($2y$NN$…)");
      }
      if (hashes.put(f[0], f[1]) != null) {
        throw new IllegalArgumentException(at + "deviceId: " + f[0] + " appears twice");
      }
    }
    return new DeviceAccounts(hashes, passwords);
  }

  public static final String ACCOUNTS = "device-accounts";
  public static final String CREDENTIALS = "device-credentials.tsv";

  /**
   * Writes, mode 0600, {@value #ACCOUNTS} (bcrypt, for {@code embeddedBroker.deviceAccounts}) and
   * {@value #CREDENTIALS} (the plain passwords, to configure into each device, then delete).
   */
  public static void writeFiles(Path dir, Map<String, String> plainPasswords, BcryptPasswords passwords) throws IOException {
    Files.createDirectories(dir);
    CountyBrokerFiles.writeOwnerOnly(dir.resolve(ACCOUNTS), fileText(plainPasswords, passwords));
    StringBuilder plain = new StringBuilder("deviceId\tpassword\n");
    plainPasswords.forEach((device, password) -> plain.append(device).append('\t').append(password).append('\n'));
    CountyBrokerFiles.writeOwnerOnly(dir.resolve(CREDENTIALS), plain.toString());
  }

  /** The file's text for these device ids and plain passwords (hashed here, with fresh salts). */
  public static String fileText(Map<String, String> plainPasswords, BcryptPasswords passwords) {
    StringBuilder out = new StringBuilder("# CampusGuard campus broker devices: deviceId bcrypt-hash (the MQTT username is the device id)\n");
    plainPasswords.forEach((device, password) ->
        out.append(Ids.require("device", device)).append(' ').append(passwords.hash(password)).append('\n'));
    return out.toString();
  }
}
