/*
 * Turns a --tokenizer value into a Tokenizer (through Tokenizers.load: bytes, gpt2 / r50k_base, o200k_base or a
 * tokenizer.json path), plus the definition file to copy into a stream directory (none for built-in tokenizers).
 */
package dev.poisonlab.cli;

import dev.poisonlab.tokenizer.Tokenizer;
import dev.poisonlab.tokenizer.Tokenizers;
import java.nio.file.Path;

record TokenizerSpec(Tokenizer tokenizer, Path definitionFile) {

  static TokenizerSpec load(String spec) {
    Tokenizer tokenizer = Tokenizers.load(spec);
    return new TokenizerSpec(tokenizer, Tokenizers.isBuiltIn(spec) ? null : Path.of(spec));
  }
}
