package io.campusguard.simulators.launcher;

import java.nio.file.Path;

/**
 * Where the operator's guide installs what {@code pki} and {@code broker-access} write (docs/en/install.md, "Copy
 * the county's files into place"): the config lines these commands print name these paths, never their own
 * output folder, which also holds the CA key and the plain passwords and stays off the servers.
 */
final class InstalledPaths {
  static final Path ETC = Path.of("/etc/campusguard");
  static final Path PKI = ETC.resolve("pki");
  static final Path GATEWAY_PKI = PKI.resolve(PkiCommand.GATEWAYS);
  static final Path COUNTY_BROKER = ETC.resolve("county-broker");

  private InstalledPaths() {}
}
