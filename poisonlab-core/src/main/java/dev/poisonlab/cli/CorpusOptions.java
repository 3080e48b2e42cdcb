/*
 * The options of every command that reads a corpus (poison, scan, corpus build, tokenizer train, perplexity,
 * filter, bench tokenizer/scan/quality), as a picocli @Mixin so they are spelled and described once: --corpus,
 * --text-field, --skip-bad.
 */
package dev.poisonlab.cli;

import dev.poisonlab.io.CorpusPaths;
import dev.poisonlab.io.ReadOptions;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

final class CorpusOptions {
  @Option(
      names = "--corpus",
      required = true,
      arity = "1..*",
      paramLabel = "PATH",
      description =
          "Clean documents: JSONL/text files or directories (.gz ok; `embedded` = the shipped corpus).")
  List<String> corpus;

  @Option(
      names = "--text-field",
      defaultValue = ReadOptions.DEFAULT_TEXT_FIELD,
      paramLabel = "NAME",
      description = "JSON field holding the text (default: ${DEFAULT-VALUE}).")
  String textField;

  @Option(
      names = "--skip-bad",
      description = "Skip (and count) malformed lines instead of stopping.")
  boolean skipBad;

  /** The corpus files, with `embedded` and directories resolved. */
  List<Path> paths() {
    return CorpusPaths.resolve(corpus);
  }

  ReadOptions readOptions() {
    return new ReadOptions(textField, skipBad);
  }
}
