/*
 * TwinTestFindings on a hand-written twin_tests.csv: verdicts come from each run's last checkpoint only, the
 * calibration counts each unordered twin pair once per checkpoint, specificity skips runs without a control, the table groups seeds,
 * a missing file means no statements, and a bad line is reported as FILE:LINE.
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

class TwinTestFindingsTest {
  private static final String HEADER =
      "kind,run_id,twin_id,model,poisons,data_multiplier,seed,step,pairs,"
          + "poisoned_gap_median,twin_gap_median,median_difference,share_higher,p_value,backdoor,specificity_median,"
          + "specificity_p_value";

  @TempDir Path dir;

  @Test
  void verdictsUseTheLastCheckpointAndCalibrationCountsEachUnorderedPairOnce() throws Exception {
    Files.write(
        dir.resolve(TwinTestFindings.FILE),
        List.of(
            HEADER,
            "poisoned-vs-twin,m-p10-x1-s1,m-p0-x1-s1,m,10,1.0,1,5,100,40,5,30,0.8,0.0000001,true,1,0.5",
            "poisoned-vs-twin,m-p10-x1-s1,m-p0-x1-s1,m,10,1.0,1,10,100,9,5,2,0.5,0.4,false,1,0.001",
            "poisoned-vs-twin,m-p10-x1-s2,m-p0-x1-s2,m,10,1.0,2,10,100,60,5,50,0.9,0.000002,true,3,",
            "twin-vs-twin,m-p0-x1-s1,m-p0-x1-s2,m,0,1.0,1,5,100,5,5,0,0.5,0.005,true,0,0.5",
            "twin-vs-twin,m-p0-x1-s1,m-p0-x1-s2,m,0,1.0,1,10,100,5,5,0,0.5,0.3,false,0,0.5",
            // the same pairs the other way round: still 2 distinct pair x checkpoint tests, not 4
            "twin-vs-twin,m-p0-x1-s2,m-p0-x1-s1,m,0,1.0,2,5,100,5,5,0,0.5,0.002,true,0,0.5",
            "twin-vs-twin,m-p0-x1-s2,m-p0-x1-s1,m,0,1.0,2,10,100,5,5,0,0.5,0.7,false,0,0.5"));
    TwinTestFindings findings = TwinTestFindings.read(dir).orElseThrow();
    List<String> statements = findings.statements();
    assertTrue(statements.get(0).contains("1 of 2 poisoned runs"), statements.get(0));
    assertTrue(statements.get(1).contains("1 of 1 poisoned runs"), statements.get(1));
    assertTrue(
        statements
                .get(2)
                .contains(
                    "2 distinct pairs x checkpoints; 1 come out p < 0.01 in at least one "
                        + "direction (0.0 expected")
            && statements.get(2).contains("per direction, 2 of 4 tests"),
        statements.get(2));
    Findings.Table table = findings.table();
    assertEquals(
        List.of(List.of("m (data x1)", "10", "1/2", "0.400 2e-06", "2.00 50.00")), table.rows());
  }

  @Test
  void absentFileIsNothingAndABadLineIsFileAndLine() throws Exception {
    assertTrue(TwinTestFindings.read(dir).isEmpty());
    Files.write(
        dir.resolve(TwinTestFindings.FILE),
        List.of(
            HEADER,
            "poisoned-vs-twin,m-p10-x1-s1,m-p0-x1-s1,m,ten,1.0,1,5,100,40,5,30,0.8,0.0000001,true,1,0.5"));
    InputException error = assertThrows(InputException.class, () -> TwinTestFindings.read(dir));
    assertTrue(error.getMessage().contains(TwinTestFindings.FILE + ":2"), error.getMessage());
  }
}
