/*
 * Supplies `poisonlab --version` from the jar manifest (Maven writes Implementation-Version),
 * falling back to "dev" when running from unpacked classes in tests.
 */
package dev.poisonlab.cli;

import picocli.CommandLine;

public final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = Main.class.getPackage().getImplementationVersion();
    return new String[] {
      "poisonlab " + (version == null ? "dev" : version),
      "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"
    };
  }
}
