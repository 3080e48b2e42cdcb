/*
 * Turns a --tokenizer value into a Tokenizer, plus the definition file to copy into a stream directory
 * (none for built-in tokenizers). For now only "bytes" (ByteTokenizer); the tokenizer factory
 * (Tokenizers.load: tokenizer.json files, gpt2, o200k_base) replaces this when it lands on main.
 */
package dev.poisonlab.cli;

import dev.poisonlab.tokenizer.ByteTokenizer;
import dev.poisonlab.tokenizer.Tokenizer;
import java.nio.file.Path;

record TokenizerSpec(Tokenizer tokenizer, Path definitionFile) {

  static TokenizerSpec load(String spec) {
    if (ByteTokenizer.NAME.equals(spec)) {
      return new TokenizerSpec(new ByteTokenizer(), null);
    }
    throw new IllegalArgumentException("tokenizer: '" + spec + "' is not available in this build; use 'bytes'");
  }
}
