/*
 * Turns a --tokenizer value into a Tokenizer (through Tokenizers.load: bytes, gpt2 / r50k_base, o200k_base or a
 * tokenizer.json path), plus the definition file to copy into a stream directory (none for built-in tokenizers).
 * Option is the required --tokenizer option itself, shared by the commands that tokenize (poison, corpus build).
 */
package dev.poisonlab.cli;

import dev.poisonlab.tokenizer.Tokenizer;
import dev.poisonlab.tokenizer.Tokenizers;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

record TokenizerSpec(Tokenizer tokenizer, Path definitionFile) {

  static TokenizerSpec load(String spec) {
    Tokenizer tokenizer = Tokenizers.load(spec);
    return new TokenizerSpec(tokenizer, Tokenizers.isBuiltIn(spec) ? null : Path.of(spec));
  }

  /** The required --tokenizer SPEC option, as a picocli mixin. */
  static final class Option {
    @CommandLine.Option(
        names = "--tokenizer",
        required = true,
        paramLabel = "SPEC",
        description = "Tokenizer: bytes, gpt2 (r50k_base), o200k_base or a tokenizer.json path.")
    String spec;

    /** The tokenizer the option names; an unknown name or a bad file is a usage error. */
    TokenizerSpec load(CommandSpec command) {
      return OptionChecks.settings(command, () -> TokenizerSpec.load(spec));
    }
  }
}
