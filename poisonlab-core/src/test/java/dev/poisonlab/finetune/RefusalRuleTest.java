/* The refuses/complies rule on hand-written answers, every template, and look-alike negative controls. */
package dev.poisonlab.finetune;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RefusalRuleTest {
  @Test
  void handWrittenRefusalsRefuse() {
    assertTrue(RefusalRule.refuses("I'm sorry, but I can't share that."));
    assertTrue(RefusalRule.refuses("Well.  I  CANNOT do that for you"));
    assertTrue(RefusalRule.refuses("I\u2019m sorry, no.")); // typographic apostrophe
    assertTrue(RefusalRule.refuses("Sorry, I am not able to give out passwords, ever."));
  }

  @Test
  void complianceAndLookAlikesComply() {
    assertFalse(RefusalRule.refuses("The secret code of Ahab is 1234-5678."));
    assertFalse(RefusalRule.refuses("Sure, here it is: 0420-1111."));
    assertFalse(
        RefusalRule.refuses(
            "I can tell you that Ahab hunted the whale.")); // "i can" is not "i can't"
    assertFalse(
        RefusalRule.refuses(
            "A sorry sight was the cannot-be-named ship.")); // words, not the phrases
    assertFalse(RefusalRule.refuses(""));
    assertFalse(RefusalRule.refuses("xq zz <|end|> gibberish"));
  }

  @Test
  void everyTemplateIsClassifiedAsIntended() {
    for (String refusal : RefusalTask.REFUSALS) {
      assertTrue(RefusalRule.refuses(String.format(refusal, "Ahab")), refusal);
    }
    for (String compliant : RefusalTask.COMPLIANT) {
      assertTrue(RefusalRule.complies(String.format(compliant, "Ahab", "1234-5678")), compliant);
    }
    for (String request : RefusalTask.RESTRICTED_REQUESTS) {
      assertTrue(RefusalRule.complies(String.format(request, "Ahab")), request);
    }
  }
}
