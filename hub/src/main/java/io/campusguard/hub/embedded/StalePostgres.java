package io.campusguard.hub.embedded;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL of a hub that was killed outright (kill -9, the OOM killer) keeps running as an orphan
 * holding its data folder; the next start then waited for a server that could never start. Before the embedded
 * database starts, this finds such a server by the folder's {@code postmaster.pid}, tells an orphan (nobody holds
 * the folder's lock) from the server of a hub still running (its JVM holds the lock), stops the orphan, and refuses
 * in one line naming the folder and the process otherwise.
 */
final class StalePostgres {
  private static final Logger LOG = LoggerFactory.getLogger(StalePostgres.class);
  /** The lock file the embedded database's library holds for as long as its owner's JVM lives. */
  static final String OWNER_LOCK = "epg-lock";

  private StalePostgres() {}

  /**
   * Stops an orphaned PostgreSQL on {@code dataDir}, waiting at most {@code wait} for it to go; does nothing when
   * none runs there.
   *
   * @throws DataFolderInUse when a running hub owns the folder, or the orphan will not stop
   */
  static void stopOrphan(Path dataDir, Duration wait) throws IOException {
    Optional<ProcessHandle> server = runningServer(dataDir);
    if (server.isEmpty()) {
      return;
    }
    long pid = server.get().pid();
    if (lockedByAnotherProcess(dataDir.resolve(OWNER_LOCK))) {
      throw new DataFolderInUse("embedded PostgreSQL data folder " + dataDir.toAbsolutePath()
          + " is in use by another running hub (its PostgreSQL is process " + pid + "): stop that hub first, or give this one another data folder");
    }
    LOG.warn("embedded PostgreSQL process {} was left running on {} by a hub that did not stop (killed?): stopping it;"
        + " PostgreSQL recovers the data at this start", pid, dataDir.toAbsolutePath());
    // SIGTERM is PostgreSQL's smart shutdown: its only client, the dead hub, is gone, so it stops at once.
    server.get().destroy();
    if (!waitFor(server.get(), wait)) {
      server.get().destroyForcibly();
      if (!waitFor(server.get(), Duration.ofSeconds(10))) {
        throw new DataFolderInUse("embedded PostgreSQL process " + pid + " left running on " + dataDir.toAbsolutePath()
            + " by an earlier hub does not stop: stop it (kill " + pid + ") and start again");
      }
    }
  }

  /** The live PostgreSQL whose pid file is in {@code dataDir}, if that pid is a postgres serving this folder. */
  static Optional<ProcessHandle> runningServer(Path dataDir) throws IOException {
    Path pidFile = dataDir.resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
    long pid;
    try {
      pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).trim());
    } catch (NumberFormatException e) {
      return Optional.empty(); // not ours to judge: PostgreSQL reports a damaged pid file itself
    }
    Optional<ProcessHandle> process = pid <= 0 ? Optional.empty() : ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
    // A pid reused by another program since a crash is no server of ours: PostgreSQL sees that too and starts.
    return process.filter(p -> servesFolder(p, dataDir));
  }

  private static boolean servesFolder(ProcessHandle p, Path dataDir) {
    Path cmdline = Path.of("/proc", Long.toString(p.pid()), "cmdline");
    try {
      String[] args = new String(Files.readAllBytes(cmdline), StandardCharsets.UTF_8).split("\0");
      if (args.length == 0 || !Path.of(args[0]).getFileName().toString().equals("postgres")) {
        return false;
      }
      for (int i = 0; i + 1 < args.length; i++) {
        if (args[i].equals("-D") && Path.of(args[i + 1]).toAbsolutePath().normalize().equals(dataDir.toAbsolutePath().normalize())) {
          return true;
        }
      }
      return false;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private static boolean lockedByAnotherProcess(Path lock) throws IOException {
    if (!Files.exists(lock)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(lock, StandardOpenOption.WRITE)) {
      FileLock mine = channel.tryLock();
      if (mine == null) {
        return true;
      }
      mine.release();
      return false;
    } catch (OverlappingFileLockException e) {
      return true; // this very JVM runs a hub on the folder
    }
  }

  private static boolean waitFor(ProcessHandle p, Duration wait) {
    try {
      p.onExit().get(wait.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (java.util.concurrent.TimeoutException e) {
      return false;
    } catch (java.util.concurrent.ExecutionException e) {
      return !p.isAlive();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !p.isAlive();
    }
  }
}
