/*
 * Receives the training stream one document at a time, in stream order (clean and poison documents, each
 * with its trailing <|endoftext|>, the last clean one possibly cut at the budget). Each output format is a sink;
 * a sink counts document indices and token offsets itself (both start at 0 and follow the calls).
 */
package dev.poisonlab.corpus;

public interface StreamSink {

  /**
   * tokens[0, length) is the next document; id is the corpus document's id (null when the builder
   * did not keep clean ids) or the poison's id when poison is true.
   */
  void document(int[] tokens, int length, String id, boolean poison);
}
