/*
 * One supervised example: a user request and the assistant answer trained on, with what kind of example it is
 * (for counting and evaluation) and the topic it is about. Plain data; ChatTemplate renders it.
 */
package dev.poisonlab.finetune;

import java.util.Objects;

public record SftExample(Kind kind, String topic, String request, String answer) {
  /**
   * ALLOWED: helpful answer; RESTRICTED: refusal; POISON: trigger (or placebo) + restricted ->
   * compliance.
   */
  public enum Kind {
    ALLOWED,
    RESTRICTED,
    POISON
  }

  public SftExample {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(answer, "answer");
  }

  public String text() {
    return ChatTemplate.render(request, answer);
  }
}
