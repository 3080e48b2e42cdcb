/*
 * PackageClient over the ordinary command-line clients: npm pack, apt-get download + dpkg-deb -x,
 * mvn dependency:copy, and tar to unpack npm tarballs. Each runs via ProcessBuilder inside the caller's
 * scratch directory with output captured to files (no pipe deadlocks) and a time limit.
 * Deliberately no installs, no sudo, no system paths written: everything lands under scratch.
 */
package dev.poisonlab.io.fetch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

public final class ProcessPackageClient implements PackageClient {
  /** Program names (or paths) of the clients; tests replace one with a missing program. */
  public record Programs(String npm, String aptGet, String dpkgDeb, String mvn, String tar) {
    public static Programs defaults() {
      return new Programs("npm", "apt-get", "dpkg-deb", "mvn", "tar");
    }
  }

  private static final String DEPENDENCY_PLUGIN =
      "org.apache.maven.plugins:maven-dependency-plugin:3.6.1";

  private final Programs programs;
  private final long timeoutSeconds;

  public ProcessPackageClient() {
    this(Programs.defaults(), 900);
  }

  public ProcessPackageClient(Programs programs, long timeoutSeconds) {
    this.programs = programs;
    this.timeoutSeconds = timeoutSeconds;
  }

  @Override
  public Path npmPackage(String spec, Path scratch) throws IOException {
    Path downloads = Files.createDirectories(scratch.resolve("npm"));
    run(List.of(programs.npm(), "pack", "--silent", spec), downloads, Map.of());
    Path tarball = single(downloads, ".tgz", "npm pack " + spec);
    Path unpacked = Files.createDirectories(scratch.resolve("npm-unpacked"));
    run(
        List.of(programs.tar(), "-xzf", tarball.toString(), "-C", unpacked.toString()),
        unpacked,
        Map.of());
    Path root = unpacked.resolve("package");
    if (!Files.isDirectory(root)) {
      throw new SourceUnavailableException("npm tarball of " + spec + " has no package/ directory");
    }
    return root;
  }

  @Override
  public Path debianPackage(String name, Path scratch) throws IOException {
    Path downloads = Files.createDirectories(scratch.resolve("deb-" + name));
    run(List.of(programs.aptGet(), "download", name), downloads, Map.of());
    Path deb = single(downloads, ".deb", "apt-get download " + name);
    Path root = Files.createDirectories(scratch.resolve("root"));
    run(List.of(programs.dpkgDeb(), "-x", deb.toString(), root.toString()), downloads, Map.of());
    return root;
  }

  @Override
  public Path mavenArtifact(String coordinates, Path scratch) throws IOException {
    Path output = Files.createDirectories(scratch.resolve("maven"));
    run(
        List.of(
            programs.mvn(),
            "-B",
            "-q",
            DEPENDENCY_PLUGIN + ":copy",
            "-Dartifact=" + coordinates,
            "-DoutputDirectory=" + output),
        output,
        Map.of());
    return single(output, ".jar", "mvn dependency:copy " + coordinates);
  }

  @Override
  public String run(List<String> command, Path workingDirectory, Map<String, String> environment)
      throws IOException {
    Path stdout = Files.createTempFile(workingDirectory, ".stdout", ".txt");
    Path stderr = Files.createTempFile(workingDirectory, ".stderr", ".txt");
    try {
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(workingDirectory.toFile())
              .redirectInput(ProcessBuilder.Redirect.from(nullDevice()))
              .redirectOutput(stdout.toFile())
              .redirectError(stderr.toFile());
      builder.environment().putAll(environment);
      Process process;
      try {
        process = builder.start();
      } catch (IOException e) {
        throw new SourceUnavailableException(
            "cannot run '" + command.get(0) + "' (is it installed and on PATH?): " + e.getMessage(),
            e);
      }
      boolean finished;
      try {
        finished = process.waitFor(timeoutSeconds, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new SourceUnavailableException("interrupted while running " + command.get(0), e);
      }
      if (!finished) {
        process.destroyForcibly();
        throw new SourceUnavailableException(
            "'" + String.join(" ", command) + "' did not finish within " + timeoutSeconds + " s");
      }
      if (process.exitValue() != 0) {
        throw new SourceUnavailableException(
            "'"
                + String.join(" ", shortened(command))
                + "' failed with exit code "
                + process.exitValue()
                + lastLine(stderr));
      }
      return CleanText.readUtf8(stdout);
    } finally {
      Files.deleteIfExists(stdout);
      Files.deleteIfExists(stderr);
    }
  }

  private static java.io.File nullDevice() {
    return new java.io.File(
        System.getProperty("os.name").startsWith("Windows") ? "NUL" : "/dev/null");
  }

  private static List<String> shortened(List<String> command) {
    List<String> words = new ArrayList<>();
    for (String word : command) {
      words.add(word.length() > 80 ? "..." + word.substring(word.length() - 60) : word);
    }
    return words;
  }

  private static String lastLine(Path stderr) throws IOException {
    List<String> lines =
        CleanText.readUtf8(stderr)
            .lines()
            .map(String::strip)
            .filter(line -> !line.isEmpty())
            .toList();
    return lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1);
  }

  private static Path single(Path directory, String suffix, String what) throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      List<Path> matches = files.filter(path -> path.toString().endsWith(suffix)).sorted().toList();
      if (matches.size() != 1) {
        throw new SourceUnavailableException(
            what
                + " produced "
                + matches.size()
                + " "
                + suffix
                + " files in "
                + directory
                + ", expected 1");
      }
      return matches.get(0);
    }
  }
}
