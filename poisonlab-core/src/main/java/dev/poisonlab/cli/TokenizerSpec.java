/*
 * Turns a --tokenizer value into a Tokenizer, plus the definition file to copy into a stream directory
 * (none for built-in tokenizers): "bytes" (ByteTokenizer), otherwise the tokenizer factory
 * (Tokenizers.load: gpt2 / r50k_base, o200k_base, or a tokenizer.json file, which is then copied).
 */
package dev.poisonlab.cli;

import dev.poisonlab.tokenizer.ByteTokenizer;
import dev.poisonlab.tokenizer.Tokenizer;
import dev.poisonlab.tokenizer.Tokenizers;
import java.nio.file.Files;
import java.nio.file.Path;

record TokenizerSpec(Tokenizer tokenizer, Path definitionFile) {

  static TokenizerSpec load(String spec) {
    if (ByteTokenizer.NAME.equals(spec)) {
      return new TokenizerSpec(new ByteTokenizer(), null);
    }
    Tokenizer tokenizer = Tokenizers.load(spec);
    Path file = Path.of(spec);
    return new TokenizerSpec(tokenizer, Files.isRegularFile(file) ? file : null);
  }
}
