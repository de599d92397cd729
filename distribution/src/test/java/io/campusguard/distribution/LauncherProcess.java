package io.campusguard.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One role run as a child process from the unpacked distribution's {@code bin/campusguard}, its output (stdout
 * and stderr) kept in a log file. {@link #close()} ends it and everything it started, whatever state it is in.
 */
public final class LauncherProcess implements AutoCloseable {
  private final String name;
  private final Process process;
  private final Path log;

  private LauncherProcess(String name, Process process, Path log) {
    this.name = name;
    this.process = process;
    this.log = log;
  }

  /** Starts {@code bin/campusguard args…} with the extra environment; output goes to {@code log}. */
  public static LauncherProcess start(String name, Path log, Map<String, String> env, String... args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(UnpackedDistribution.launcher().toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(env);
    return new LauncherProcess(name, pb.start(), log);
  }

  /** Runs {@code bin/campusguard args…} to its end (at most {@code limitSeconds}) and returns its exit code and output. */
  public static Result run(Path log, Map<String, String> env, long limitSeconds, String... args) throws IOException, InterruptedException {
    try (LauncherProcess p = start(String.join(" ", args), log, env, args)) {
      if (!p.process.waitFor(limitSeconds, TimeUnit.SECONDS)) {
        throw new AssertionError("campusguard " + String.join(" ", args) + " did not end within " + limitSeconds + " s:\n" + p.output());
      }
      return new Result(p.process.exitValue(), p.output());
    }
  }

  /** What a finished run printed and how it ended. */
  public record Result(int exitCode, String output) {}

  public String output() throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  public String name() {
    return name;
  }

  /**
   * SIGTERM to the role alone, as systemd (or Ctrl-C's SIGINT) stops it; true when it has ended within {@code limit}.
   * The launcher execs the JVM, so the process is the role's JVM.
   */
  public boolean terminate(java.time.Duration limit) throws InterruptedException {
    process.destroy();
    return process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** SIGTERM to the process tree (the role's graceful stop), SIGKILL to whatever still runs after 30 s. */
  @Override
  public void close() throws InterruptedException {
    List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
    tree.add(process.toHandle());
    tree.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    for (ProcessHandle h : tree) {
      long left = deadline - System.nanoTime();
      try {
        h.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
      } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
        h.destroyForcibly();
      }
    }
    process.waitFor(10, TimeUnit.SECONDS);
  }
}
