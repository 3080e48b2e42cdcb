/*
 * The grid's named defences: the recipe-free detectors are offered as filter-then-train settings (ngram alone,
 * the combined and the confirmed verdicts over the three change-point detectors), every name resolves to a setting whose
 * applied flags its scan produces, and an unknown name is refused naming the choices (negative control).
 */
package dev.poisonlab.defense.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.poisonlab.defense.verdict.ConfirmedSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

class NamedDefensesTest {
  @Test
  void recipeFreeDetectorsAreNamedDefences() {
    FilterThenTrain.Defense ngram = NamedDefenses.byName("ngram").orElseThrow();
    assertEquals(List.of("ngram"), ngram.spec().detectors());
    assertEquals(List.of("ngram"), ngram.apply());
    FilterThenTrain.Defense combined = NamedDefenses.byName("combined").orElseThrow();
    assertEquals(List.of("surprisal", "surprisal-bigram", "ngram"), combined.spec().detectors());
    assertEquals(List.of("combined"), combined.apply());
    assertTrue(
        combined.spec().outputs().contains("combined"), combined.spec().outputs().toString());
    FilterThenTrain.Defense confirmed = NamedDefenses.byName("confirmed").orElseThrow();
    assertEquals(combined.spec().detectors(), confirmed.spec().detectors());
    assertEquals(List.of("confirmed"), confirmed.apply());
    assertEquals(ConfirmedSettings.defaults(), confirmed.spec().confirmed());
    assertEquals(null, combined.spec().confirmed(), "combined stays as it was");
  }

  @Test
  void everyNameResolvesAndUnknownNamesAreRefused() {
    assertTrue(NamedDefenses.byName(NamedDefenses.NONE).isEmpty());
    for (String name : NamedDefenses.NAMES.subList(1, NamedDefenses.NAMES.size())) {
      FilterThenTrain.Defense defense = NamedDefenses.byName(name).orElseThrow();
      assertTrue(defense.spec().outputs().containsAll(defense.apply()), name);
    }
    var error = assertThrows(IllegalArgumentException.class, () -> NamedDefenses.byName("no-such"));
    assertTrue(error.getMessage().contains("combined"), error.getMessage());
  }
}
