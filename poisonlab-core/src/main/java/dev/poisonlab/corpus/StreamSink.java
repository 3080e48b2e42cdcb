/*
 * Receives the training stream one document at a time, in stream order (clean and poison documents, each
 * with its trailing <|endoftext|>, the last clean one possibly cut at the budget). Each output format is a sink.
 */
package dev.poisonlab.corpus;

interface StreamSink {

  /** tokens[0, length) is the next document; poisonId is null for clean documents. */
  void document(int[] tokens, int length, String poisonId);
}
