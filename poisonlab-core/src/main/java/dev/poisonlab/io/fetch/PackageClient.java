/*
 * The registry clients a source needs, behind one small interface so tests can inject a failing or
 * offline client. The real implementation (ProcessPackageClient) shells out to npm, apt-get, dpkg-deb
 * and mvn; it never installs anything system-wide.
 */
package dev.poisonlab.io.fetch;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

public interface PackageClient {
  /** `npm pack SPEC`, unpacked: returns the package's root directory (the tarball's package/). */
  Path npmPackage(String spec, Path scratch) throws IOException;

  /**
   * `apt-get download NAME` + `dpkg-deb -x`: returns the root the package's files were extracted
   * under.
   */
  Path debianPackage(String name, Path scratch) throws IOException;

  /** Maven `dependency:copy` of GROUP:ARTIFACT:VERSION: returns the jar file. */
  Path mavenArtifact(String coordinates, Path scratch) throws IOException;

  /**
   * Runs a program (for example one extracted from a .deb) and returns its standard output as
   * UTF-8.
   */
  String run(List<String> command, Path workingDirectory, Map<String, String> environment)
      throws IOException;
}
