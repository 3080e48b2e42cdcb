/*
 * An exclusive lock on a directory that a long command writes (a train run, a grid run, a stream output): a lock
 * file held with FileChannel.tryLock for the owner's life, naming the owner as pid@host. The OS drops the lock
 * when the owner dies (kill -9 included), so a file left behind never blocks a new owner. It never waits, and it
 * is advisory: it keeps poisonlab commands apart, not other programs.
 */
package dev.poisonlab.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

public final class DirectoryLock implements AutoCloseable {
  public static final String LOCK_FILE = ".lock";

  /** Who this process is, as other processes see it in the lock file and in their error. */
  public static final String OWNER = ProcessHandle.current().pid() + "@" + hostName();

  // a retry is needed only when an owner deletes the file while we open it; many in a row mean a
  // storm of owners
  private static final int ATTEMPTS = 20;

  // paths locked by this JVM: checked before the file is opened at all, because with POSIX locks
  // closing *any*
  // descriptor of a file drops every lock this process holds on it, so a refused second owner in
  // this JVM
  // must never open (and then close) the file
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final Path directory;
  private final Path file;
  private final FileChannel channel;
  private final FileChannel check;
  private final FileLock lock;
  private boolean closed;

  /** The error a second writer gets: one line naming the directory and the owner. */
  public static final class HeldException extends InputException {
    private final String holder;

    HeldException(Path directory, String holder) {
      super(
          directory,
          0,
          "is being written by another poisonlab process ("
              + holder
              + "); wait for it to finish or choose another directory");
      this.holder = holder;
    }

    /** pid@host of the owner, or "unknown" when it could not be read. */
    public String holder() {
      return holder;
    }
  }

  private DirectoryLock(
      Path directory, Path file, FileChannel channel, FileChannel check, FileLock lock) {
    this.directory = directory;
    this.file = file;
    this.channel = channel;
    this.check = check;
    this.lock = lock;
  }

  /**
   * Locks {@code directory} (created if missing) through DIR/.lock; throws HeldException if it is
   * taken.
   */
  public static DirectoryLock acquire(Path directory) {
    createDirectories(directory);
    return lock(directory, directory.resolve(LOCK_FILE));
  }

  /**
   * Locks {@code directory} through a hidden sibling, PARENT/.NAME.lock, for a directory that is
   * replaced wholesale by a rename (a lock file inside it would be renamed away with it). Creates
   * only the parent.
   */
  public static DirectoryLock acquireBeside(Path directory) {
    Path absolute = directory.toAbsolutePath().normalize();
    createDirectories(absolute.getParent());
    return lock(directory, absolute.resolveSibling("." + absolute.getFileName() + LOCK_FILE));
  }

  public Path directory() {
    return directory;
  }

  private static DirectoryLock lock(Path directory, Path file) {
    Path key = key(file);
    if (!HELD_HERE.add(key)) {
      throw new HeldException(directory, OWNER);
    }
    try {
      for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
        DirectoryLock lock = tryOnce(directory, file);
        if (lock != null) {
          return lock;
        }
      }
      throw new HeldException(directory, "unknown: its lock file keeps being replaced");
    } catch (RuntimeException e) {
      HELD_HERE.remove(key);
      throw e;
    }
  }

  /** The lock; null when the file we locked had just been deleted by its last owner (try again). */
  private static DirectoryLock tryOnce(Path directory, Path file) {
    FileChannel channel =
        open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileChannel check = null;
    try {
      FileLock lock = tryLock(channel);
      if (lock == null) {
        String holder = readHolder(channel);
        channel.close();
        throw new HeldException(directory, holder);
      }
      String content = OWNER + "\n" + UUID.randomUUID() + "\n";
      channel.truncate(0);
      channel.write(ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8)), 0);
      channel.force(false);
      // an owner deletes the file before releasing it: if that is the file we locked, the path now
      // names another
      // file (or none) without our content. The check stays open while we hold the lock, as closing
      // it would
      // drop the lock.
      try {
        check = FileChannel.open(file, StandardOpenOption.READ);
      } catch (NoSuchFileException e) {
        channel.close();
        return null;
      }
      if (content.equals(read(check))) {
        return new DirectoryLock(directory, file, channel, check, lock);
      }
      check.close();
      channel.close();
      return null;
    } catch (IOException e) {
      closeQuietly(check);
      closeQuietly(channel);
      throw new UncheckedIOException(
          "cannot lock " + directory + " through " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * One name per file, whatever path reached it (symlinks included), so this JVM's registry cannot
   * be fooled.
   */
  private static Path key(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    try {
      return absolute.getParent().toRealPath().resolve(absolute.getFileName());
    } catch (IOException e) {
      return absolute;
    }
  }

  /**
   * The lock, or null when another process holds it or this JVM does (FileChannel locks are per
   * JVM).
   */
  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (OverlappingFileLockException e) {
      return null;
    }
  }

  private static FileChannel open(Path file, StandardOpenOption... options) {
    try {
      return FileChannel.open(file, options);
    } catch (IOException e) {
      throw new InputException(file, 0, "cannot open lock file: " + e.getMessage(), e);
    }
  }

  /** The owner's first line; an owner that has locked but not yet written reads as "unknown". */
  private static String readHolder(FileChannel channel) {
    try {
      String first = read(channel).lines().findFirst().orElse("").strip();
      return first.isEmpty() ? "unknown" : first;
    } catch (IOException e) {
      return "unknown"; // e.g. where locks are mandatory and the locked region cannot be read
    }
  }

  /** The first bytes of a lock file (its content is two short lines). */
  private static String read(FileChannel channel) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(512);
    channel.read(buffer, 0);
    return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
  }

  /** The kernel's host name without a DNS lookup (which can hang); the JVM's answer elsewhere. */
  private static String hostName() {
    try {
      Path kernel = Path.of("/proc/sys/kernel/hostname");
      if (Files.isReadable(kernel)) {
        return Files.readString(kernel, StandardCharsets.UTF_8).strip();
      }
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  private static void createDirectories(Path directory) {
    try {
      Files.createDirectories(directory);
    } catch (IOException e) {
      throw new InputException(directory, 0, "cannot create directory: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(FileChannel channel) {
    try {
      if (channel != null) {
        channel.close();
      }
    } catch (IOException ignored) {
      // already failing; the OS releases the lock with the descriptor
    }
  }

  /**
   * Deletes the lock file while still holding it, then releases it, so the directory is left as it
   * was.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Files.deleteIfExists(file);
      lock.release();
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot release the lock on " + directory + ": " + e.getMessage(), e);
    } finally {
      closeQuietly(check);
      closeQuietly(channel);
      HELD_HERE.remove(key(file));
    }
  }
}
