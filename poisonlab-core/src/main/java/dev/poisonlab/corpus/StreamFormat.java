/*
 * Extra on-disk forms of a training stream, written next to the always-present tokens.bin (nanoGPT layout):
 * a Megatron-LM / GPT-NeoX indexed dataset (MMIDIDX .bin + .idx), written by the core, and Parquet shards of
 * token ids, written by a StreamSinkProvider of the Spark module (Java Parquet writers need Hadoop's jars).
 */
package dev.poisonlab.corpus;

import java.util.Locale;

public enum StreamFormat {
  MEGATRON(true),
  PARQUET(false);

  private final boolean inCore;

  StreamFormat(boolean inCore) {
    this.inCore = inCore;
  }

  /**
   * Whether the core writes this format itself; the others come from a StreamSinkProvider at run
   * time.
   */
  public boolean inCore() {
    return inCore;
  }

  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static StreamFormat parse(String text) {
    String name = text.trim().toLowerCase(Locale.ROOT);
    for (StreamFormat format : values()) {
      if (format.jsonName().equals(name)) {
        return format;
      }
    }
    throw new IllegalArgumentException("format must be megatron or parquet, got '" + text + "'");
  }
}
