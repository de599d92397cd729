package io.campusguard.gateway.opcua;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway's own OPC UA key and certificate as they are kept on disk. */
class ClientIdentityTest {

  /** Verifies that the key is written readable by the gateway's user only, in a folder only it may enter, and kept. */
  @Test
  void keyIsOwnerOnlyAndKeptAcrossRestarts(@TempDir Path dir) throws Exception {
    Path pki = dir.resolve("pki");
    ClientIdentity made = ClientIdentity.loadOrCreate(pki, "urn:campusguard:gateway:LP-017");

    Path own = pki.resolve("own");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(own.resolve("gateway.p12")))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(own))).isEqualTo("rwx------");
    try (Stream<Path> files = Files.list(own)) {
      assertThat(files.map(p -> p.getFileName().toString())).as("no temporary file left").containsExactly("gateway.p12");
    }

    ClientIdentity loaded = ClientIdentity.loadOrCreate(pki, "urn:campusguard:gateway:LP-017");
    assertThat(loaded.certificate()).isEqualTo(made.certificate());
    assertThat(loaded.keyPair().getPrivate()).isEqualTo(made.keyPair().getPrivate());
  }
}
