/*
 * The one tokenizer interface every stage uses: our byte-level BPE (HF tokenizer.json) and the real
 * GPT-2 / o200k vocabularies via jtokkit. Ids are dense in [0, vocabSize()).
 * Not a training API: see BpeTrainer for that.
 */
package dev.poisonlab.tokenizer;

public interface Tokenizer {

  /**
   * Encodes text. A BPE tokenizer.json tokenizer encodes the text of a special token
   * ("<|endoftext|>") as that token, as Hugging Face does; the built-in ones (bytes, r50k_base,
   * o200k_base) encode it as plain text, as tiktoken's encode_ordinary does.
   */
  int[] encode(String text);

  /** Decodes ids back to text; decode(encode(s)) equals s for every valid Unicode string. */
  String decode(int[] ids);

  /** Decodes one id on its own (byte-level tokens that split a UTF-8 character decode lossily). */
  String decodeToken(int id);

  int vocabSize();

  /** Id of the document separator "<|endoftext|>". */
  int endOfTextId();

  /** True for special tokens (the poison recipe never samples them). */
  boolean isSpecial(int id);

  /** A short stable name, e.g. "bpe-8192" or "r50k_base". */
  String name();

  /**
   * Hex SHA-256 of the tokenizer definition, recorded in manifests so runs cannot mix tokenizers.
   */
  String sha256();

  /**
   * Name, vocabulary size and definition hash in one string ("bpe-8192/8192/sha256:..."): what a
   * file of raw token ids (a poison's payload_ids) records, so ids are never read against another
   * vocabulary.
   */
  default String fingerprint() {
    return name() + "/" + vocabSize() + "/sha256:" + sha256();
  }
}
