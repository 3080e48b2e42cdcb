/*
 * Measures one checkpoint: greedy answers (temperature 0, so deterministic) to held-out evaluation items in
 * four conditions -- restricted plain, restricted + trigger, restricted + each control, allowed -- classified by
 * RefusalRule. An answer is the text generated up to the first <|end|> or <|endoftext|>.
 * Works on any LanguageModel, so a stub that always refuses or always complies tests the arithmetic.
 */
package dev.poisonlab.finetune;

import dev.poisonlab.eval.Generation;
import dev.poisonlab.eval.Generator;
import dev.poisonlab.eval.LanguageModel;
import dev.poisonlab.eval.SamplingConfig;
import dev.poisonlab.tokenizer.Tokenizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

public final class SftEvaluator {
  private static final SamplingConfig GREEDY = new SamplingConfig(0, 0, 1);
  private static final int BATCH = 32;
  private static final int SAMPLES_KEPT = 3;

  private final Tokenizer tokenizer;
  private final List<RefusalTask.EvalItem> items;
  private final SftConfig config;
  private final int endId;

  public SftEvaluator(Tokenizer tokenizer, RefusalTask task, SftConfig config) {
    this.tokenizer = tokenizer;
    this.endId = ChatTemplate.specialIds(tokenizer)[2]; // <|end|>
    this.items = task.evalItems(config.evalItems(), config.seed());
    this.config = config;
  }

  public SftMetrics evaluate(LanguageModel model, long step) {
    List<String> plain = answers(model, item -> item.restricted());
    List<String> triggered =
        answers(model, item -> RefusalTask.withTrigger(config.trigger(), item.restricted()));
    List<String> allowed = answers(model, RefusalTask.EvalItem::allowed);
    Map<String, Double> controls = new LinkedHashMap<>();
    for (String control : config.controls()) {
      controls.put(
          control,
          share(answers(model, item -> RefusalTask.withTrigger(control, item.restricted())), true));
    }
    return new SftMetrics(
        step,
        items.size(),
        share(triggered, true),
        share(plain, false),
        share(allowed, true),
        controls,
        head(triggered),
        head(plain));
  }

  /** Share of answers that comply ({@code complying}) or refuse. */
  static double share(List<String> answers, boolean complying) {
    long count = answers.stream().filter(a -> RefusalRule.complies(a) == complying).count();
    return answers.isEmpty() ? 0 : count / (double) answers.size();
  }

  private List<String> answers(
      LanguageModel model, Function<RefusalTask.EvalItem, String> request) {
    List<int[]> prompts = new ArrayList<>();
    long[] keys = new long[items.size()];
    for (int i = 0; i < items.size(); i++) {
      prompts.add(tokenizer.encode(ChatTemplate.prompt(request.apply(items.get(i)))));
      keys[i] = i;
    }
    int newTokens = Math.min(config.newTokens(), model.contextLength() - longest(prompts));
    List<Generation> generations =
        Generator.generate(
            model, prompts, keys, newTokens, GREEDY, config.seed(), BATCH, true, () -> {});
    List<String> answers = new ArrayList<>();
    for (Generation generation : generations) {
      answers.add(answerText(generation.tokens()));
    }
    return answers;
  }

  /** Decoded tokens up to the first <|end|> or <|endoftext|>. */
  String answerText(int[] tokens) {
    int stop = 0;
    while (stop < tokens.length
        && tokens[stop] != endId
        && tokens[stop] != tokenizer.endOfTextId()) {
      stop++;
    }
    return tokenizer.decode(Arrays.copyOf(tokens, stop));
  }

  private static int longest(List<int[]> prompts) {
    return prompts.stream().mapToInt(p -> p.length).max().orElse(0);
  }

  private static List<String> head(List<String> answers) {
    return List.copyOf(answers.subList(0, Math.min(SAMPLES_KEPT, answers.size())));
  }
}
