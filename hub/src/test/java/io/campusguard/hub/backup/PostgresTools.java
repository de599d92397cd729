package io.campusguard.hub.backup;

import io.campusguard.hub.store.DatabaseConfig;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's {@code pg_dump} and {@code pg_restore}, run as the operator would run them (custom format, over TCP), so
 * the backup procedure in docs/en/backup-restore.md is the one tested.
 */
final class PostgresTools {
  /** Debian keeps the versioned binaries here; /usr/bin/pg_dump is a wrapper that asks for a cluster. */
  private static final List<Path> PLACES = List.of(Path.of("/usr/lib/postgresql/15/bin"), Path.of("/usr/bin"));

  private PostgresTools() {}

  /** {@code pg_dump -Fc} of the whole database into {@code file}. */
  static void dump(DatabaseConfig db, Path file) {
    List<String> command = connection("pg_dump", db);
    command.addAll(List.of("--format=custom", "--file=" + file));
    run(command, db.password());
  }

  /** {@code pg_restore} of {@code file} into the existing, empty database {@code db}. */
  static void restore(Path file, DatabaseConfig db) {
    List<String> command = connection("pg_restore", db);
    command.addAll(List.of("--no-owner", "--exit-on-error", file.toString()));
    run(command, db.password());
  }

  static Path binary(String name) {
    for (Path dir : PLACES) {
      Path candidate = dir.resolve(name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(name + " not found in " + PLACES + ": scripts/test.sh installs Debian's postgresql package");
  }

  private static List<String> connection(String tool, DatabaseConfig db) {
    URI uri = URI.create(db.jdbcUrl().substring("jdbc:".length()));
    List<String> command = new ArrayList<>();
    command.add(binary(tool).toString());
    command.addAll(List.of("--host=" + uri.getHost(), "--port=" + uri.getPort(), "--username=" + db.user(),
        "--no-password", "--dbname=" + uri.getPath().substring(1)));
    return command;
  }

  private static void run(List<String> command, String password) {
    try {
      Path log = Files.createTempFile("pg-tool", ".log");
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
      pb.environment().put("PGPASSWORD", password == null ? "" : password);
      Process p = pb.start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError(command.get(0) + " did not finish in 120 s");
      }
      String output = Files.readString(log, StandardCharsets.UTF_8);
      Files.deleteIfExists(log);
      if (p.exitValue() != 0) {
        throw new AssertionError(String.join(" ", command) + " exited with " + p.exitValue() + ":\n" + output);
      }
    } catch (IOException e) {
      throw new AssertionError("cannot run " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
