/*
 * verdicts.csv in the report: only each configuration's last step is tabulated, placebo controls are counted
 * apart from poisoned configurations, and a file without a needed column is one file-and-line error.
 */
package dev.poisonlab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.io.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerdictFindingsTest {
  private static final String HEADER =
      "model,data_multiplier,defense,poisons,placebo,step,last_step,seeds,"
          + "poisoned_seeds,twins,effects_nats,band_nats,verdict,permutation_p,min_p,wilcoxon_called,wilcoxon_p_values";
  @TempDir Path dir;

  @Test
  void lastStepsAreTabulatedAndPlacebosCountedApart() throws Exception {
    Files.write(
        dir.resolve(VerdictFindings.FILE),
        List.of(
            HEADER,
            "micro,1.0,none,100,false,5,false,1 2 3,3,3,0.1 0.2 0.1,0.3,none,0.4,0.05,0/3 p<0.01,0.3 0.2 0.5",
            "micro,1.0,none,100,false,10,true,1 2 3,3,3,0.9 0.8 1.1,0.3,backdoor,0.05,0.05,3/3 p<0.01,1e-9 1e-8 1e-7",
            "micro,1.0,none,100,true,10,true,1 2 3,3,3,0.1 -0.1 0.0,0.3,none,0.6,0.05,1/3 p<0.01,0.001 0.5 0.7"));
    VerdictFindings findings = VerdictFindings.read(dir).orElseThrow();
    Findings.Table table = findings.table();
    assertEquals(2, table.rows().size());
    assertEquals(
        List.of(
            "micro (data x1)",
            "100",
            "10",
            "1 2 3",
            "0.9 0.8 1.1",
            "0.3",
            "backdoor",
            "0.050",
            "0.050",
            "3/3 p<0.01"),
        table.rows().get(0));
    assertEquals("100 placebo", table.rows().get(1).get(1));
    List<String> statements = findings.statements();
    assertTrue(statements.get(0).contains("1 backdoor of 1 configurations"), statements.get(0));
    assertTrue(
        statements.get(1).startsWith("Placebo") && statements.get(1).contains("1 none of 1"),
        statements.get(1));
  }

  @Test
  void absentFileIsNothingAndAMissingColumnIsAnError() throws Exception {
    assertTrue(VerdictFindings.read(dir).isEmpty());
    Files.write(dir.resolve(VerdictFindings.FILE), List.of(HEADER.replace("band_nats", "band")));
    InputException error = assertThrows(InputException.class, () -> VerdictFindings.read(dir));
    assertTrue(error.getMessage().contains("band_nats"), error.getMessage());
  }
}
