/*
 * The evaluation settings eval.json records: everything that decides the numbers (run, scorer, excerpts,
 * trigger and controls, lengths, sampling, seed), so a rerun into the same directory resumes only when they
 * match. A plain record with a builder; EvalOutput writes and compares it, EvalSettings validates the inputs.
 */
package dev.poisonlab.eval;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.nio.file.Path;
import java.util.List;

/** Everything that decides the numbers; a rerun into the same directory must match it to resume. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RecordedSettings(
    String run,
    String scorer,
    String excerpts,
    int count,
    String trigger,
    List<String> controlTriggers,
    int promptTokens,
    int newTokens,
    double temperature,
    int topK,
    double topP,
    long seed,
    int valTokens,
    double collapseGap) {

  public static RecordedSettings of(EvalSettings settings, Path run, Path scorer, Path excerpts) {
    return builder()
        .run(canonical(run))
        .scorer(scorer == null ? null : canonical(scorer))
        .excerpts(excerpts == null ? "heldout" : canonical(excerpts))
        .count(settings.count())
        .trigger(settings.trigger())
        .controlTriggers(settings.controlTriggers())
        .promptTokens(settings.promptTokens())
        .newTokens(settings.newTokens())
        .temperature(settings.sampling().temperature())
        .topK(settings.sampling().topK())
        .topP(settings.sampling().topP())
        .seed(settings.seed())
        .valTokens(settings.valTokens())
        .collapseGap(EvalSettings.COLLAPSE_GAP)
        .build();
  }

  private static String canonical(Path path) {
    return path.toAbsolutePath().normalize().toString();
  }

  /** Builds a RecordedSettings by component name instead of by 14 positions. */
  public static Builder builder() {
    return new Builder();
  }

  /** RecordedSettings's components by name, handed to the canonical constructor by build(). */
  public static final class Builder {
    private String run;
    private String scorer;
    private String excerpts;
    private int count;
    private String trigger;
    private List<String> controlTriggers;
    private int promptTokens;
    private int newTokens;
    private double temperature;
    private int topK;
    private double topP;
    private long seed;
    private int valTokens;
    private double collapseGap;

    private Builder() {}

    public Builder run(String value) {
      this.run = value;
      return this;
    }

    public Builder scorer(String value) {
      this.scorer = value;
      return this;
    }

    public Builder excerpts(String value) {
      this.excerpts = value;
      return this;
    }

    public Builder count(int value) {
      this.count = value;
      return this;
    }

    public Builder trigger(String value) {
      this.trigger = value;
      return this;
    }

    public Builder controlTriggers(List<String> value) {
      this.controlTriggers = value;
      return this;
    }

    public Builder promptTokens(int value) {
      this.promptTokens = value;
      return this;
    }

    public Builder newTokens(int value) {
      this.newTokens = value;
      return this;
    }

    public Builder temperature(double value) {
      this.temperature = value;
      return this;
    }

    public Builder topK(int value) {
      this.topK = value;
      return this;
    }

    public Builder topP(double value) {
      this.topP = value;
      return this;
    }

    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    public Builder valTokens(int value) {
      this.valTokens = value;
      return this;
    }

    public Builder collapseGap(double value) {
      this.collapseGap = value;
      return this;
    }

    public RecordedSettings build() {
      return new RecordedSettings(
          run,
          scorer,
          excerpts,
          count,
          trigger,
          controlTriggers,
          promptTokens,
          newTokens,
          temperature,
          topK,
          topP,
          seed,
          valTokens,
          collapseGap);
    }
  }
}
