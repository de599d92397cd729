package io.campusguard.simulators.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The disk's own fsync rate: small appends each followed by {@code force}, on the same file system as the
 * outbox. The gateway's P0 append rate with fsync is reported as a ratio of this (group commit can beat it).
 */
public final class DiskFsyncBaseline {
  private DiskFsyncBaseline() {}

  public static double fsyncsPerSecond(Path dir, int count) throws IOException {
    Path file = Files.createTempFile(dir, "fsync-baseline", ".bin");
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
      ByteBuffer record = ByteBuffer.allocate(256);
      long t0 = System.nanoTime();
      for (int i = 0; i < count; i++) {
        record.clear();
        ch.write(record);
        ch.force(false);
      }
      return count / ((System.nanoTime() - t0) / 1e9);
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
