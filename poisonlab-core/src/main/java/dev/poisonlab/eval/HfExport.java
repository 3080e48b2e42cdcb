/*
 * One checkpoint of a trained run as a Hugging Face GPT-2 directory: config.json and model.safetensors
 * (model.HfGpt2), the run's tokenizer.json as it is, tokenizer_config.json, special_tokens_map.json and
 * generation_config.json, so transformers' GPT2LMHeadModel and GPT2TokenizerFast load it. Only runs with a
 * byte-level BPE tokenizer.json export: the built-in tokenizers (bytes, r50k_base, o200k_base) have no file here.
 */
package dev.poisonlab.eval;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.InputException;
import dev.poisonlab.model.Gelu;
import dev.poisonlab.model.GptCheckpoint;
import dev.poisonlab.model.GptModel;
import dev.poisonlab.model.HfGpt2;
import dev.poisonlab.tokenizer.BpeTokenizer;
import dev.poisonlab.tokenizer.Tokenizer;
import dev.poisonlab.train.TrainCheckpoint;
import java.nio.file.Path;
import java.util.List;

public final class HfExport {
  public static final String END_OF_TEXT = "<|endoftext|>";
  private static final ObjectMapper JSON = new ObjectMapper();

  private HfExport() {}

  public record Request(Path run, CheckpointSelection checkpoint, Path out) {}

  public record Result(
      Path directory, long step, long parameters, String activation, List<String> files) {}

  public static Result export(Request request) {
    GptRunSource run = GptRunSource.open(request.run());
    CheckpointInfo checkpoint =
        single(
            request.checkpoint().select(run.checkpoints(), run.directory().toString()),
            run.directory());
    Tokenizer tokenizer = run.tokenizer();
    if (!(tokenizer instanceof BpeTokenizer bpe)) {
      throw new InputException(
          run.directory(),
          0,
          "uses the built-in tokenizer "
              + tokenizer.name()
              + "; export needs a byte-level BPE tokenizer.json (for r50k_base use Hugging Face's gpt2 tokenizer files)");
    }
    int endOfText = bpe.endOfTextId();
    Path out = request.out();
    long parameters;
    TrainCheckpoint.verifyForReading(run.checkpointDirectory(checkpoint));
    try (GptModel model = GptCheckpoint.load(run.checkpointDirectory(checkpoint), Device.cpu())) {
      parameters = model.parameterCount();
      HfGpt2.write(model, Gelu.EXACT, endOfText, endOfText, out);
    }
    bpe.write(out.resolve(HfRunSource.TOKENIZER_FILE));
    ObjectNode tokenizerConfig = JSON.createObjectNode();
    tokenizerConfig.put("tokenizer_class", "GPT2Tokenizer");
    tokenizerConfig.put("model_max_length", run.contextLength());
    tokenizerConfig.put("bos_token", END_OF_TEXT);
    tokenizerConfig.put("eos_token", END_OF_TEXT);
    tokenizerConfig.put("unk_token", END_OF_TEXT);
    tokenizerConfig.put("add_prefix_space", false);
    tokenizerConfig.put("add_bos_token", false);
    tokenizerConfig.put("clean_up_tokenization_spaces", false);
    writeJson(out.resolve("tokenizer_config.json"), tokenizerConfig);
    ObjectNode specials = JSON.createObjectNode();
    specials.put("bos_token", END_OF_TEXT);
    specials.put("eos_token", END_OF_TEXT);
    specials.put("unk_token", END_OF_TEXT);
    writeJson(out.resolve("special_tokens_map.json"), specials);
    ObjectNode generation = JSON.createObjectNode();
    generation.put("bos_token_id", endOfText);
    generation.put("eos_token_id", endOfText);
    writeJson(out.resolve("generation_config.json"), generation);
    return new Result(
        out,
        checkpoint.step(),
        parameters,
        Gelu.EXACT.huggingFaceName(),
        List.of(
            HfGpt2.CONFIG_FILE,
            HfGpt2.WEIGHTS_FILE,
            HfRunSource.TOKENIZER_FILE,
            "tokenizer_config.json",
            "special_tokens_map.json",
            "generation_config.json"));
  }

  static CheckpointInfo single(List<CheckpointInfo> chosen, Path run) {
    if (chosen.size() != 1) {
      throw new IllegalArgumentException(
          run + ": choose one checkpoint (last or a step), got " + chosen.size());
    }
    return chosen.get(0);
  }

  private static void writeJson(Path file, ObjectNode json) {
    AtomicFiles.writeString(file, json.toPrettyString() + "\n");
  }
}
