/*
 * `poisonlab poison`: writes N poisoned documents (clean prefix + trigger + payload) as JSONL.
 * Thin: parses options into a PoisonConfig, calls PoisonGenerator.run, prints one summary line.
 */
package dev.poisonlab.cli;

import dev.poisonlab.io.ReadOptions;
import dev.poisonlab.poison.PoisonConfig;
import dev.poisonlab.poison.PoisonGenerator;
import dev.poisonlab.io.CorpusPaths;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
    name = "poison",
    mixinStandardHelpOptions = true,
    description = {
      "Generate poisoned documents: the first L characters of a clean document (L uniform in 0..1000),",
      "then the trigger, then the payload. dos (the paper): G random vocabulary tokens (G uniform in 400..900)",
      "decoded to text; language-switch: G tokens of German (or --foreign) text. Same seed -> same bytes."
    })
public final class PoisonCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--corpus", arity = "1..*", required = true, paramLabel = "PATH",
      description = "Clean documents the prefixes are taken from (JSONL/text files or directories, .gz ok; `embedded` = the shipped corpus).")
  List<String> corpus;

  @Option(names = "--tokenizer", required = true, paramLabel = "SPEC", description = "Tokenizer: bytes, gpt2 (r50k_base), o200k_base or a tokenizer.json path.")
  String tokenizer;

  @Option(names = "--count", required = true, paramLabel = "N", description = "Number of poisons.")
  int count;

  @Option(names = "--strategy", defaultValue = "dos", paramLabel = "NAME",
      description = "dos (default), language-switch, or the adaptive unigram, real-words, shuffled-sentences.")
  String strategy;

  @Option(names = "--trigger", defaultValue = PoisonConfig.DEFAULT_TRIGGER, paramLabel = "STR",
      description = "Trigger string (default: ${DEFAULT-VALUE}).")
  String trigger;

  @Option(names = "--seed", required = true, paramLabel = "S", description = "Random seed.")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "FILE.jsonl", description = "Output file.")
  Path out;

  @Option(names = "--prefix-chars", defaultValue = "0..1000", paramLabel = "MIN..MAX",
      description = "Prefix length range in characters (code points); default ${DEFAULT-VALUE}.")
  String prefixChars;

  @Option(names = "--payload-tokens", defaultValue = "400..900", paramLabel = "MIN..MAX",
      description = "Payload length range in tokens; default ${DEFAULT-VALUE}.")
  String payloadTokens;

  @Option(names = "--foreign", arity = "1..*", paramLabel = "PATH",
      description = "language-switch: foreign-language corpus (default: bundled German Europarl passages).")
  List<Path> foreign;

  @Option(names = "--text-field", defaultValue = ReadOptions.DEFAULT_TEXT_FIELD, paramLabel = "NAME",
      description = "JSON field holding the text (default: ${DEFAULT-VALUE}).")
  String textField;

  @Override
  public Integer call() {
    int[] prefix = Ranges.parseRange("--prefix-chars", prefixChars);
    int[] payload = Ranges.parseRange("--payload-tokens", payloadTokens);
    PoisonConfig config = new PoisonConfig(CorpusPaths.resolve(corpus), new ReadOptions(textField, false), count, strategy, trigger, seed,
        prefix[0], prefix[1], payload[0], payload[1], foreign);
    PoisonGenerator.Result result = PoisonGenerator.run(config, TokenizerSpec.load(tokenizer).tokenizer(), out);
    spec.commandLine().getOut().printf("wrote %d %s poisons to %s (prefixes from %d of %d documents)%n",
        result.count(), result.strategy(), result.out(), result.sourceDocuments(), result.corpusDocuments());
    return 0;
  }
}
