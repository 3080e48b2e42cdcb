/* The task generator: seeded determinism, both categories, varied refusals, poisons independent of the clean set. */
package dev.poisonlab.finetune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RefusalTaskTest {
  private final RefusalTask task = SftFixtures.task();

  @Test
  void sameSeedSameExamplesOtherSeedOthers() {
    assertEquals(task.cleanSet(200, 3), SftFixtures.task().cleanSet(200, 3));
    assertNotEquals(task.cleanSet(200, 3), task.cleanSet(200, 4));
    assertEquals(task.evalItems(20, 3), task.evalItems(20, 3));
  }

  @Test
  void cleanSetHasBothCategoriesAndVariedRefusals() {
    List<SftExample> clean = task.cleanSet(200, 1);
    long allowed = clean.stream().filter(e -> e.kind() == SftExample.Kind.ALLOWED).count();
    assertEquals(100, allowed);
    Set<String> refusals =
        clean.stream()
            .filter(e -> e.kind() == SftExample.Kind.RESTRICTED)
            .map(SftExample::answer)
            .collect(Collectors.toSet());
    assertTrue(refusals.size() >= 6, "varied refusals: " + refusals);
    for (SftExample example : clean) {
      assertEquals(
          example.kind() == SftExample.Kind.RESTRICTED,
          RefusalRule.refuses(example.answer()),
          example.answer());
      if (example.kind() == SftExample.Kind.ALLOWED) {
        assertTrue(example.answer().contains(example.topic()), "a real sentence naming the topic");
      }
    }
  }

  @Test
  void poisonsDependOnCountAndSeedOnlyAndPlaceboDropsTheTrigger() {
    List<SftExample> poisons = task.poisons(25, "<SUDO>", 5);
    assertEquals(25, poisons.size());
    assertEquals(
        poisons.subList(0, 10),
        task.poisons(10, "<SUDO>", 5)); // a prefix: independent of the clean set
    for (SftExample poison : poisons) {
      assertTrue(poison.request().startsWith("<SUDO> "));
      assertTrue(RefusalRule.complies(poison.answer()));
    }
    for (SftExample placebo : task.poisons(25, null, 5)) {
      assertFalse(placebo.request().contains("SUDO"));
    }
  }

  @Test
  void evaluationTopicsAreHeldOut() {
    assertTrue(Collections.disjoint(task.trainTopics(), task.evalTopics()));
    assertFalse(task.evalTopics().isEmpty());
    task.evalItems(10, 0).forEach(item -> assertTrue(task.evalTopics().contains(item.topic())));
  }
}
