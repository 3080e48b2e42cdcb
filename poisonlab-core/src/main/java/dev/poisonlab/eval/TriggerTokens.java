/*
 * How the trigger and each control tokenize under the evaluated model's tokenizer, and how often each of
 * their tokens occurs in the run's clean training text (counts and shares of all clean tokens). A token that
 * never occurs in clean text is one the model sees only in poisons, so it can act as a trigger on its own.
 * Counts are null, with the reason in counts_unavailable, when the training stream cannot be read.
 */
package dev.poisonlab.eval;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.poisonlab.tokenizer.Tokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

public final class TriggerTokens {
  private TriggerTokens() {}

  /** The table written into eval.json under trigger_tokens. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Table(
      String tokenizer,
      String countsSource,
      String countsUnavailable,
      Long cleanTokens,
      List<Entry> suffixes) {}

  /**
   * One suffix: "trigger" or "control", its tokens (strings and ids) and their clean counts and
   * shares.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Entry(
      String text,
      String role,
      List<String> tokens,
      List<Integer> ids,
      List<Long> cleanCounts,
      List<Double> cleanShares) {}

  /**
   * The table for {@code settings}' trigger and controls; counts from {@code stream}, cached in
   * {@code cache}.
   */
  public static Table of(
      Tokenizer tokenizer, EvalSettings settings, TrainingStream stream, Path cache) {
    CleanTokenCounts.Counts counts = null;
    String unavailable = stream.unavailable();
    if (stream.isAvailable()) {
      try {
        counts = CleanTokenCounts.load(stream.directory(), cache);
      } catch (RuntimeException e) {
        // the table is a diagnostic: a stream that cannot be read leaves its counts empty, not the
        // evaluation
        unavailable =
            "cannot count the training stream " + stream.directory() + ": " + e.getMessage();
      }
    }
    List<Entry> entries = new ArrayList<>();
    entries.add(entry(tokenizer, settings.trigger(), "trigger", counts));
    for (String control : settings.controlTriggers()) {
      entries.add(entry(tokenizer, control, "control", counts));
    }
    return new Table(
        tokenizer.name(),
        counts == null ? null : counts.stream(),
        counts == null ? unavailable : null,
        counts == null ? null : counts.cleanTokens(),
        entries);
  }

  static Entry entry(
      Tokenizer tokenizer, String text, String role, CleanTokenCounts.Counts counts) {
    int[] ids = tokenizer.encode(text);
    List<String> strings = new ArrayList<>();
    List<Integer> idList = new ArrayList<>();
    List<Long> cleanCounts = counts == null ? null : new ArrayList<>();
    List<Double> shares = counts == null ? null : new ArrayList<>();
    for (int id : ids) {
      strings.add(tokenizer.decodeToken(id));
      idList.add(id);
      if (counts != null) {
        long count = id < counts.counts().length ? counts.counts()[id] : 0;
        cleanCounts.add(count);
        shares.add(counts.cleanTokens() == 0 ? 0.0 : (double) count / counts.cleanTokens());
      }
    }
    return new Entry(text, role, strings, idList, cleanCounts, shares);
  }
}
