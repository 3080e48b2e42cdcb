/*
 * Extra on-disk forms of a training stream, written next to the always-present tokens.bin (nanoGPT layout):
 * a Megatron-LM / GPT-NeoX indexed dataset (MMIDIDX .bin + .idx). Parquet is deliberately absent: Java
 * Parquet writers need Hadoop at run time (~58 MB of jars), so it belongs to the Spark module.
 */
package dev.poisonlab.corpus;

import java.util.Locale;

public enum StreamFormat {
  MEGATRON;

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
    if (name.equals("parquet")) {
      throw new IllegalArgumentException("format: parquet is not in the core (Java Parquet writers need ~58 MB of "
          + "Hadoop jars); write Parquet with the Spark module");
    }
    throw new IllegalArgumentException("format must be megatron, got '" + text + "'");
  }
}
