/*
 * Everything a scan keeps about one document: its id and length, one Verdict per detector (in ScanSpec
 * order), for each flagged localizing detector the text window around its span start (for trigger
 * discovery), and, for a sampled share of documents, a background window of the same size. Serializable:
 * Spark executors produce these and the driver consumes them with the same code as the single process.
 */
package dev.poisonlab.defense;

import java.io.Serializable;
import java.util.List;

public record DocumentScan(
    String id, int length, List<Verdict> verdicts, List<String> windows, String background)
    implements Serializable {

  public DocumentScan {
    verdicts = List.copyOf(verdicts);
    windows = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(windows));
    if (windows.size() != verdicts.size()) {
      throw new IllegalArgumentException("one window slot per verdict expected");
    }
  }
}
