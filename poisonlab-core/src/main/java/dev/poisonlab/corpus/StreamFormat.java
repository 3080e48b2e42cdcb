/*
 * Extra on-disk forms of a training stream, written next to the always-present tokens.bin (nanoGPT layout):
 * a Megatron-LM / GPT-NeoX indexed dataset (MMIDIDX .bin + .idx) and Parquet shards of token ids.
 */
package dev.poisonlab.corpus;

import java.util.Locale;

public enum StreamFormat {
  MEGATRON,
  PARQUET;

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static StreamFormat parse(String text) {
    for (StreamFormat format : values()) {
      if (format.jsonName().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return format;
      }
    }
    throw new IllegalArgumentException("format must be one of megatron, parquet; got '" + text + "'");
  }
}
