/*
 * EarlierVerdictRows on hand-written files: an earlier checkpoint's row the new file lacks is kept in step
 * order; a row the new file recomputes, a configuration it no longer has, a step past its last and a file of
 * another header are not (negative controls).
 */
package dev.poisonlab.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class EarlierVerdictRowsTest {
  private static final String HEADER =
      "model,data_multiplier,defense,poisons,placebo,step,verdict\n";

  @Test
  void keepsOnlyEarlierStepsOfConfigurationsStillThere() {
    String previous =
        HEADER
            + "micro,1.0,none,250,false,100,old-a100\n"
            + "micro,1.0,none,250,false,200,old-a200\n"
            + "micro,1.0,none,250,false,300,old-a300\n"
            + "micro,1.0,none,1000,false,100,old-gone\n";
    String recomputed =
        HEADER
            + "micro,1.0,none,250,false,200,new-a200\n"
            + "micro,1.0,none,250,true,200,new-placebo\n";
    assertEquals(
        HEADER
            + "micro,1.0,none,250,false,100,old-a100\n"
            + "micro,1.0,none,250,false,200,new-a200\n"
            + "micro,1.0,none,250,true,200,new-placebo\n",
        EarlierVerdictRows.merge(previous, recomputed));
  }

  @Test
  void anotherHeaderOrNothingBeforeLeavesTheRecomputedFile() {
    String recomputed = HEADER + "micro,1.0,none,250,false,200,new\n";
    String older = "model,poisons,step,verdict\nmicro,250,100,old\n";
    assertEquals(recomputed, EarlierVerdictRows.merge(older, recomputed));
    assertEquals(recomputed, EarlierVerdictRows.merge("", recomputed));
  }
}
