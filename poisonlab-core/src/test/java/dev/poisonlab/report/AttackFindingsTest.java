/*
 * The report's attacks x defences table from a SYNTHETIC attacks.csv (written by hand): one row per attack,
 * defence and count with seeds pooled (exact counts, mean ± std otherwise, "–" where a filter or twin is
 * absent), a bad number is one line naming the file and line, and a grid without the file gets no table.
 */
package dev.poisonlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AttackFindingsTest {
  private static final String HEADER = String.join(",", AttackFindings.COLUMNS);

  @TempDir Path dir;

  private void write(String... lines) throws IOException {
    Files.writeString(
        dir.resolve(AttackFindings.FILE), HEADER + "\n" + String.join("\n", lines) + "\n");
  }

  @Test
  void poolsSeedsPerAttackDefenceAndCount() throws IOException {
    write(
        "u-s1,t-s1,micro,0.35,1,unigram,none,500,500,,,0,,963,0.8,0.07,0.73",
        "u-s2,t-s2,micro,0.35,2,unigram,none,500,500,,,0,,963,1.0,0.05,0.95",
        "uc-s1,,micro,0.35,1,unigram,confirmed,500,2,0.996,1710,0,0,963,0.06,,",
        "uc-s2,tc-s2,micro,0.35,2,unigram,confirmed,500,4,0.992,1710,0,0,963,0.08,0.06,0.02",
        "dq-s1,tq-s1,micro,0.35,1,dos,quality,500,3,0.994,1710,48,0.0280702,963,0.06,0.04,0.02");
    AttackFindings findings = AttackFindings.read(dir).orElseThrow();
    assertTrue(findings.severalAttacks());
    Findings.Table table = findings.table();
    assertEquals(12, table.header().size());
    assertEquals(
        List.of(
            List.of(
                "micro (data x0.35)",
                "unigram",
                "none",
                "500",
                "2",
                "500",
                "–",
                "0",
                "–",
                "0.900 ± 0.141",
                "0.060 ± 0.014",
                "0.840 ± 0.156"),
            List.of(
                "micro (data x0.35)",
                "unigram",
                "confirmed",
                "500",
                "2",
                "3.00 ± 1.41",
                "0.994 ± 0.003",
                "0",
                "0.00% ± 0.00",
                "0.070 ± 0.014",
                "0.060",
                "0.020"),
            List.of(
                "micro (data x0.35)",
                "dos",
                "quality",
                "500",
                "1",
                "3",
                "0.994",
                "48",
                "2.81%",
                "0.060",
                "0.040",
                "0.020")),
        table.rows());
  }

  @Test
  void aBadNumberNamesTheLineAndNoFileMeansNoTable() throws IOException {
    assertFalse(AttackFindings.read(dir).isPresent());
    write(
        "d-s1,t-s1,micro,0.35,1,dos,none,500,500,,,0,,963,1.2,0.05,1.15",
        "d-s2,t-s2,micro,0.35,2,dos,none,500,500,,,0,,963,1.2x,0.05,1.15");
    InputException error = assertThrows(InputException.class, () -> AttackFindings.read(dir));
    assertEquals(3, error.line(), error.getMessage());
    assertTrue(error.getMessage().contains("log_gap_nats is not a number"), error.getMessage());
    // the negative control: the same file with the number fixed reads, as one attack
    write(
        "d-s1,t-s1,micro,0.35,1,dos,none,500,500,,,0,,963,1.2,0.05,1.15",
        "d-s2,t-s2,micro,0.35,2,dos,none,500,500,,,0,,963,1.3,0.05,1.25");
    assertFalse(AttackFindings.read(dir).orElseThrow().severalAttacks());
  }
}
