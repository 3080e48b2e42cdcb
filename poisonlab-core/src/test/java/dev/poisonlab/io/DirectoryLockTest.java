/*
 * DirectoryLock: a second owner is refused with one line naming the holder, whether it is another process (a
 * child JVM running Holder) or this JVM (the overlap FileChannel reports); a closed or killed owner frees it,
 * and a stale lock file does not block. It does not test the commands that take the lock (see their tests).
 */
package dev.poisonlab.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryLockTest {
  @TempDir Path dir;

  /**
   * The other process: takes the lock, says so, and holds it until killed; or says who holds it.
   */
  public static final class Holder {
    public static void main(String[] args) throws Exception {
      try (DirectoryLock lock = DirectoryLock.acquire(Path.of(args[0]))) {
        System.out.println("locked " + lock.directory());
        System.out.flush();
        Thread.sleep(120_000);
      } catch (DirectoryLock.HeldException e) {
        System.out.println("held by " + e.holder());
      }
    }
  }

  private static Process holder(Path directory) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    return new ProcessBuilder(
            java.toString(),
            "-Xmx32m",
            "-cp",
            System.getProperty("java.class.path"),
            Holder.class.getName(),
            directory.toString())
        .redirectErrorStream(true)
        .start();
  }

  private static String firstLine(Process process) throws IOException {
    return new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))
        .readLine();
  }

  /**
   * A refused second owner in this JVM must not drop the first one's OS lock (closing any
   * descriptor would).
   */
  @Test
  void aRefusedOwnerInThisJvmLeavesTheLockHeldForOtherProcesses() throws Exception {
    Path run = dir.resolve("run");
    try (DirectoryLock first = DirectoryLock.acquire(run)) {
      assertThrows(DirectoryLock.HeldException.class, () -> DirectoryLock.acquire(run));
      Process child = holder(run);
      assertEquals("held by " + DirectoryLock.OWNER, firstLine(child));
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
  }

  @Test
  void aSecondOwnerInThisJvmIsRefusedUntilTheFirstCloses() {
    Path run = dir.resolve("run");
    try (DirectoryLock first = DirectoryLock.acquire(run)) {
      assertTrue(Files.isRegularFile(run.resolve(DirectoryLock.LOCK_FILE)));
      DirectoryLock.HeldException error =
          assertThrows(DirectoryLock.HeldException.class, () -> DirectoryLock.acquire(run));
      assertEquals(DirectoryLock.OWNER, error.holder());
      assertTrue(
          error
              .getMessage()
              .startsWith(
                  run
                      + ": is being written by another poisonlab process ("
                      + DirectoryLock.OWNER
                      + ")"),
          error.getMessage());
      assertEquals(1, error.getMessage().lines().count());
      assertTrue(error instanceof InputException, "the CLI's exit 2 path");
    }
    assertFalse(
        Files.exists(run.resolve(DirectoryLock.LOCK_FILE)),
        "a closed lock leaves the directory as it was");
    try (DirectoryLock again = DirectoryLock.acquire(run)) {
      assertEquals(run, again.directory());
    }
  }

  @Test
  void aStaleLockFileWithoutALiveLockDoesNotBlock() throws IOException {
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.writeString(run.resolve(DirectoryLock.LOCK_FILE), "4242@gone-host\n");
    try (DirectoryLock lock = DirectoryLock.acquire(run)) {
      assertTrue(
          Files.readString(run.resolve(DirectoryLock.LOCK_FILE))
              .startsWith(DirectoryLock.OWNER + "\n"));
    }
  }

  @Test
  void beside() throws IOException {
    Path stream = dir.resolve("out/stream");
    try (DirectoryLock lock = DirectoryLock.acquireBeside(stream)) {
      assertTrue(Files.isRegularFile(dir.resolve("out/.stream.lock")));
      assertFalse(Files.exists(stream), "only the parent is created");
      assertThrows(DirectoryLock.HeldException.class, () -> DirectoryLock.acquireBeside(stream));
    }
    try (var left = Files.list(dir.resolve("out"))) {
      assertEquals(0, left.count());
    }
  }

  @Test
  void anotherProcessHoldsItUntilKilledAndItsLeftoverFileDoesNotBlock() throws Exception {
    Path run = dir.resolve("run");
    Process child = holder(run);
    try {
      String line = firstLine(child);
      assertTrue(line != null && line.startsWith("locked"), "child said: " + line);
      DirectoryLock.HeldException error =
          assertThrows(DirectoryLock.HeldException.class, () -> DirectoryLock.acquire(run));
      String host = DirectoryLock.OWNER.substring(DirectoryLock.OWNER.indexOf('@') + 1);
      assertEquals(child.pid() + "@" + host, error.holder());
      assertTrue(error.getMessage().contains(child.pid() + "@" + host), error.getMessage());
    } finally {
      child.destroyForcibly(); // SIGKILL: no close(), the OS drops the lock and the file stays
      // behind
      assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    }
    assertTrue(
        Files.isRegularFile(run.resolve(DirectoryLock.LOCK_FILE)),
        "the killed owner's file is left");
    try (DirectoryLock lock = DirectoryLock.acquire(run)) {
      assertTrue(
          Files.readString(run.resolve(DirectoryLock.LOCK_FILE)).startsWith(DirectoryLock.OWNER));
    }
  }
}
