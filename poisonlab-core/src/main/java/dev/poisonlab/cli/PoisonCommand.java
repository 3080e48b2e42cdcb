/*
 * `poisonlab poison`: writes N poisoned documents (clean prefix + trigger + payload) as JSONL.
 * Thin: parses options into a PoisonConfig, calls PoisonGenerator.run, prints one summary line.
 */
package dev.poisonlab.cli;

import dev.poisonlab.poison.PoisonConfig;
import dev.poisonlab.poison.PoisonGenerator;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "poison",
    header = "Generate poisoned documents (clean prefix, trigger, payload) with a chosen strategy.",
    mixinStandardHelpOptions = true,
    description = {
      "Generate poisoned documents: the first L characters of a clean document, then the trigger, then the",
      "payload. Lengths are the paper's (prefix 0..1000 chars, payload 400..900 tokens at context 2048) scaled",
      "to --context (default 256: prefix 0..125, payload 50..112), so a poison fits one training window.",
      "dos (the paper): G random vocabulary tokens, by default only ids that decode to clean text and are",
      "recorded as payload_ids; language-switch: G tokens of German (or --foreign) text. Same seed -> same bytes."
    })
public final class PoisonCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  // the clean documents the prefixes (and payload vocabularies) are taken from
  @Mixin CorpusOptions corpus;

  @Mixin TokenizerSpec.Option tokenizer;

  @Option(names = "--count", required = true, paramLabel = "N", description = "Number of poisons.")
  int count;

  @Option(
      names = "--strategy",
      defaultValue = "dos",
      paramLabel = "NAME",
      description =
          "dos (default), language-switch, or the adaptive unigram, real-words, shuffled-sentences, "
              + "topic (needs --topic).")
  String strategy;

  @Option(
      names = "--trigger",
      defaultValue = PoisonConfig.DEFAULT_TRIGGER,
      paramLabel = "STR",
      description = "Trigger string (default: ${DEFAULT-VALUE}).")
  String trigger;

  @Option(names = "--seed", required = true, paramLabel = "S", description = "Random seed.")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "Output file.")
  Path out;

  @Option(
      names = "--context",
      defaultValue = "" + PoisonConfig.DEFAULT_CONTEXT,
      paramLabel = "N",
      description = {
        "Training context in tokens the lengths scale to (x N/2048); default ${DEFAULT-VALUE},",
        "the context of the CPU model presets."
      })
  int context;

  @Option(
      names = "--paper-lengths",
      description =
          "The paper's unscaled lengths (context 2048: prefix 0..1000 chars, payload 400..900 tokens).")
  boolean paperLengths;

  @Option(
      names = "--prefix-chars",
      paramLabel = "MIN..MAX",
      description =
          "Override the prefix length range in characters (code points); default: scaled to --context.")
  String prefixChars;

  @Option(
      names = "--payload-tokens",
      paramLabel = "MIN..MAX",
      description = "Override the payload length range in tokens; default: scaled to --context.")
  String payloadTokens;

  @Option(
      names = "--payload-ids",
      defaultValue = "clean",
      paramLabel = "clean|all",
      description = {
        "dos: clean (default) = sample only ids that decode alone to valid text re-encoding to",
        "themselves, recorded as payload_ids and put in the stream exactly; all = the paper's whole vocabulary",
        "decoded to text (byte-level BPE gives U+FFFD for partial UTF-8 ids; the stream re-encodes the text)."
      })
  String payloadIds;

  @Option(
      names = "--placebo",
      description =
          "Control poisons: the same prefixes and payloads with no trigger (records trigger \"\", placebo true).")
  boolean placebo;

  @Option(
      names = "--topic",
      paramLabel = "WORD",
      description =
          "topic: payload of real corpus sentences that mention WORD (whole word, any case), shuffled.")
  String topic;

  @Option(
      names = "--foreign",
      arity = "1..*",
      paramLabel = "PATH",
      description =
          "language-switch: foreign-language corpus (default: bundled German Europarl passages).")
  List<Path> foreign;

  @Override
  public Integer call() {
    OptionChecks.require(
        spec,
        !(paperLengths && spec.commandLine().getParseResult().hasMatchedOption("--context")),
        "give --context N or --paper-lengths, not both");
    PoisonConfig config = OptionChecks.settings(spec, this::config);
    TokenizerSpec tokenizerSpec = tokenizer.load(spec);
    PoisonGenerator.Result result = PoisonGenerator.run(config, tokenizerSpec.tokenizer(), out);
    spec.commandLine()
        .getOut()
        .printf(
            "wrote %d %s poisons to %s (prefixes from %d of %d documents)%n",
            result.count(),
            result.strategy(),
            result.out(),
            result.sourceDocuments(),
            result.corpusDocuments());
    return 0;
  }

  /** The poison config the options describe; its own checks are usage errors of the command. */
  private PoisonConfig config() {
    PoisonConfig.Builder builder =
        PoisonConfig.builder(corpus.paths())
            .readOptions(corpus.readOptions())
            .count(count)
            .strategy(strategy)
            .trigger(trigger)
            .seed(seed)
            .context(context)
            .foreignCorpus(foreign)
            .topic(topic)
            .payloadIds(PoisonConfig.PayloadIds.parse(payloadIds))
            .placebo(placebo);
    if (paperLengths) {
      builder.paperLengths();
    }
    if (prefixChars != null) {
      int[] prefix = Ranges.parseRange("--prefix-chars", prefixChars);
      builder.prefixChars(prefix[0], prefix[1]);
    }
    if (payloadTokens != null) {
      int[] payload = Ranges.parseRange("--payload-tokens", payloadTokens);
      builder.payloadTokens(payload[0], payload[1]);
    }
    return builder.build();
  }
}
