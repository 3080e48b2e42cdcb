/*
 * Hugging Face GPT-2 interop, end to end through the CLI: a tiny trained run exported with `export` has GPT-2's
 * tensor names, shapes and padded header; an independent GPT-2 forward pass (Gpt2Reference, plain Java, no
 * poisonlab model code, no DJL) on the exported files gives the loss `perplexity` reports for the run and for the
 * export; a random GPT-2 written by another writer (no "transformer." prefix, tied lm_head.weight present,
 * gelu_new) is accepted by perplexity, eval and sample with the oracle's loss; bad directories are one line, exit 2.
 */
package dev.poisonlab.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poisonlab.cli.Main;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.Progress;
import dev.poisonlab.tokenizer.BpeTokenizer;
import dev.poisonlab.tokenizer.BpeTrainer;
import dev.poisonlab.tokenizer.BpeTrainerConfig;
import dev.poisonlab.train.TrainObserver;
import dev.poisonlab.train.TrainRequest;
import dev.poisonlab.train.Trainer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HfInteropTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path shared;
  @TempDir Path temp;

  private static Path run;
  private static Path corpus;

  @BeforeAll
  static void trainTinyRun() throws Exception {
    System.setProperty("ai.djl.offline", "true");
    Path stream = TinyRuns.writeStream(shared.resolve("stream"), false);
    run = shared.resolve("run");
    Trainer.train(
        TrainRequest.builder(stream, "pico", run)
            .optMaxSteps(30L)
            .optCheckpointEvery(30L)
            .optSeed(5)
            .optBatchSize(4)
            .optGradAccumSteps(1)
            .optLearningRate(1e-2)
            .optWarmupSteps(5L)
            .optLogEvery(10)
            .optThreads(1)
            .build(),
        TrainObserver.NONE);
    List<Document> documents = new ArrayList<>(TinyRuns.documents(3, 7, "text-"));
    documents.add(
        new Document(
            "long",
            String.join(
                " ", TinyRuns.documents(12, 8, "long-").stream().map(Document::text).toList())));
    documents.add(new Document("literal", "end of doc<|endoftext|>next doc"));
    documents.add(new Document("one", "a"));
    corpus = shared.resolve("corpus.jsonl");
    StringBuilder lines = new StringBuilder();
    for (Document document : documents) {
      lines
          .append(JSON.writeValueAsString(Map.of("id", document.id(), "text", document.text())))
          .append('\n');
    }
    Files.writeString(corpus, lines);
  }

  private static String cli(int expectedExit, String... args) {
    StringWriter err = new StringWriter();
    StringWriter out = new StringWriter();
    var commandLine = Main.commandLine();
    commandLine.setErr(new PrintWriter(err));
    commandLine.setOut(new PrintWriter(out));
    int exit = commandLine.execute(args);
    assertEquals(expectedExit, exit, err + "\n" + out);
    return expectedExit == 0 ? out.toString() : err.toString().strip();
  }

  /**
   * The oracle's token-weighted mean loss over the corpus, windows cut as `perplexity` documents
   * it.
   */
  private static double[] oracleLoss(Path hfDirectory) throws Exception {
    Gpt2Reference reference = new Gpt2Reference(hfDirectory);
    double sum = 0;
    long count = 0;
    try (HuggingFaceTokenizer tokenizer =
        HuggingFaceTokenizer.builder()
            .optTokenizerPath(hfDirectory.resolve("tokenizer.json"))
            .optAddSpecialTokens(false)
            .optTruncation(false)
            .optPadding(false)
            .build()) {
      for (String line : Files.readAllLines(corpus)) {
        String text = JSON.readTree(line).get("text").asText();
        int[] ids =
            Arrays.stream(tokenizer.encode(text).getIds()).mapToInt(id -> (int) id).toArray();
        for (int start = 0; start + 1 < ids.length; start += reference.context) {
          int[] window =
              Arrays.copyOfRange(ids, start, Math.min(ids.length, start + reference.context));
          for (double logProb : reference.tokenLogProbs(window)) {
            sum -= logProb;
            count++;
          }
        }
      }
    }
    return new double[] {sum / count, count};
  }

  private JsonNode perplexity(Path model) throws Exception {
    Path out = temp.resolve("ppl-" + model.getFileName() + ".json");
    cli(
        0,
        "perplexity",
        "--run",
        model.toString(),
        "--corpus",
        corpus.toString(),
        "--out",
        out.toString());
    return JSON.readTree(out.toFile());
  }

  @Test
  void exportedRunHasGpt2LayoutAndTheOraclesLoss() throws Exception {
    Path hf = temp.resolve("hf");
    cli(0, "export", "--run", run.toString(), "--out", hf.toString());
    for (String file :
        List.of(
            "config.json",
            "model.safetensors",
            "tokenizer.json",
            "tokenizer_config.json",
            "special_tokens_map.json",
            "generation_config.json")) {
      assertTrue(Files.isRegularFile(hf.resolve(file)), file);
    }
    JsonNode config = JSON.readTree(hf.resolve("config.json").toFile());
    assertEquals("gpt2", config.get("model_type").asText());
    assertEquals("GPT2LMHeadModel", config.get("architectures").get(0).asText());
    assertEquals(
        "gelu", config.get("activation_function").asText(), "poisonlab trains with the exact GELU");
    assertEquals(1e-5, config.get("layer_norm_epsilon").asDouble());
    assertTrue(config.get("tie_word_embeddings").asBoolean());
    assertEquals(
        "<|endoftext|>",
        JSON.readTree(hf.resolve("special_tokens_map.json").toFile()).get("eos_token").asText());
    int c = config.get("n_embd").asInt();
    int v = config.get("vocab_size").asInt();
    int t = config.get("n_positions").asInt();
    int layers = config.get("n_layer").asInt();

    Path weights = hf.resolve("model.safetensors");
    assertEquals(0, Gpt2Reference.headerLength(weights) % 8, "header padded to a multiple of 8");
    Map<String, long[]> expected = new LinkedHashMap<>();
    expected.put("transformer.wte.weight", new long[] {v, c});
    expected.put("transformer.wpe.weight", new long[] {t, c});
    for (int i = 0; i < layers; i++) {
      String p = "transformer.h." + i + ".";
      expected.put(p + "ln_1.weight", new long[] {c});
      expected.put(p + "ln_1.bias", new long[] {c});
      expected.put(p + "attn.c_attn.weight", new long[] {c, 3L * c});
      expected.put(p + "attn.c_attn.bias", new long[] {3L * c});
      expected.put(p + "attn.c_proj.weight", new long[] {c, c});
      expected.put(p + "attn.c_proj.bias", new long[] {c});
      expected.put(p + "ln_2.weight", new long[] {c});
      expected.put(p + "ln_2.bias", new long[] {c});
      expected.put(p + "mlp.c_fc.weight", new long[] {c, 4L * c});
      expected.put(p + "mlp.c_fc.bias", new long[] {4L * c});
      expected.put(p + "mlp.c_proj.weight", new long[] {4L * c, c});
      expected.put(p + "mlp.c_proj.bias", new long[] {c});
    }
    expected.put("transformer.ln_f.weight", new long[] {c});
    expected.put("transformer.ln_f.bias", new long[] {c});
    Map<String, Gpt2Reference.Tensor> tensors = Gpt2Reference.readSafeTensors(weights);
    assertEquals(expected.keySet(), tensors.keySet(), "GPT-2 names, no lm_head.weight (tied)");
    expected.forEach((name, shape) -> assertArrayEquals(shape, tensors.get(name).shape(), name));

    double[] oracle = oracleLoss(hf);
    JsonNode fromRun = perplexity(run);
    JsonNode fromExport = perplexity(hf);
    System.out.printf(
        "export: oracle %.9f over %d tokens; perplexity --run R %.9f; --run H %.9f%n",
        oracle[0],
        (long) oracle[1],
        fromRun.get("mean_loss").asDouble(),
        fromExport.get("mean_loss").asDouble());
    assertEquals((long) oracle[1], fromRun.get("tokens").asLong());
    assertEquals(oracle[0], fromRun.get("mean_loss").asDouble(), 1e-4);
    assertEquals(oracle[0], fromExport.get("mean_loss").asDouble(), 1e-4);
    assertEquals(fromRun.get("mean_loss").asDouble(), fromExport.get("mean_loss").asDouble(), 1e-6);
    assertEquals(
        Math.exp(fromRun.get("mean_loss").asDouble()), fromRun.get("perplexity").asDouble(), 1e-9);
    JsonNode perDocument = fromRun.get("per_document");
    assertEquals(6, perDocument.size());
    assertEquals(
        0, perDocument.get(5).get("tokens").asLong(), "a one-token document predicts nothing");
    assertTrue(perDocument.get(5).get("mean_loss").isNull());
    assertTrue(
        perDocument.get(3).get("tokens").asLong() > t, "the long document spans several windows");
  }

  /**
   * A random GPT-2 as another tool would write it: bare names, tied lm_head.weight, gelu_new,
   * biases.
   */
  private Path writeForeignGpt2(Path directory, BpeTokenizer tokenizer) throws Exception {
    Files.createDirectories(directory);
    int c = 24;
    int layers = 2;
    int positions = 48;
    int v = tokenizer.vocabSize();
    ObjectNode config = JSON.createObjectNode();
    config
        .put("model_type", "gpt2")
        .put("vocab_size", v)
        .put("n_positions", positions)
        .put("n_embd", c)
        .put("n_layer", layers)
        .put("n_head", 3)
        .put("activation_function", "gelu_new")
        .put("layer_norm_epsilon", 1e-5)
        .put("bos_token_id", tokenizer.endOfTextId())
        .put("eos_token_id", tokenizer.endOfTextId());
    config.putArray("architectures").add("GPT2LMHeadModel");
    Files.writeString(directory.resolve("config.json"), config.toPrettyString());
    tokenizer.write(directory.resolve("tokenizer.json"));
    Random random = new Random(11);
    Map<String, Gpt2Reference.Tensor> tensors = new LinkedHashMap<>();
    tensors.put("wte.weight", random(random, 0.3, 0, v, c));
    tensors.put("wpe.weight", random(random, 0.1, 0, positions, c));
    for (int i = 0; i < layers; i++) {
      String p = "h." + i + ".";
      tensors.put(p + "ln_1.weight", random(random, 0.2, 1, c));
      tensors.put(p + "ln_1.bias", random(random, 0.1, 0, c));
      tensors.put(p + "attn.c_attn.weight", random(random, 0.3, 0, c, 3 * c));
      tensors.put(p + "attn.c_attn.bias", random(random, 0.1, 0, 3 * c));
      tensors.put(p + "attn.c_proj.weight", random(random, 0.2, 0, c, c));
      tensors.put(p + "attn.c_proj.bias", random(random, 0.1, 0, c));
      tensors.put(p + "ln_2.weight", random(random, 0.2, 1, c));
      tensors.put(p + "ln_2.bias", random(random, 0.1, 0, c));
      tensors.put(p + "mlp.c_fc.weight", random(random, 0.3, 0, c, 4 * c));
      tensors.put(p + "mlp.c_fc.bias", random(random, 0.1, 0, 4 * c));
      tensors.put(p + "mlp.c_proj.weight", random(random, 0.2, 0, 4 * c, c));
      tensors.put(p + "mlp.c_proj.bias", random(random, 0.1, 0, c));
    }
    tensors.put("ln_f.weight", random(random, 0.2, 1, c));
    tensors.put("ln_f.bias", random(random, 0.1, 0, c));
    tensors.put("lm_head.weight", tensors.get("wte.weight"));
    Gpt2Reference.writeSafeTensors(directory.resolve("model.safetensors"), tensors);
    return directory;
  }

  private static Gpt2Reference.Tensor random(Random random, double std, double mean, int... shape) {
    int n = Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    float[] data = new float[n];
    for (int i = 0; i < n; i++) {
      data[i] = (float) (mean + std * random.nextGaussian());
    }
    return new Gpt2Reference.Tensor(Arrays.stream(shape).asLongStream().toArray(), data);
  }

  private static BpeTokenizer foreignTokenizer() {
    return BpeTrainer.trainOnDocuments(
            TinyRuns.documents(200, 3, "tok-"), BpeTrainerConfig.ofVocabSize(300), Progress.NONE)
        .tokenizer();
  }

  @Test
  void foreignGpt2IsAcceptedByPerplexityEvalAndSample() throws Exception {
    Path hf = writeForeignGpt2(temp.resolve("foreign"), foreignTokenizer());
    double[] oracle = oracleLoss(hf);
    JsonNode result = perplexity(hf);
    System.out.printf(
        "foreign gpt2: oracle %.9f over %d tokens; perplexity --run %.9f%n",
        oracle[0], (long) oracle[1], result.get("mean_loss").asDouble());
    assertEquals((long) oracle[1], result.get("tokens").asLong());
    assertEquals(oracle[0], result.get("mean_loss").asDouble(), 1e-4);

    Path excerpts = temp.resolve("excerpts.jsonl");
    Files.writeString(excerpts, Files.readString(corpus));
    Path evalOut = temp.resolve("eval");
    cli(
        0,
        "eval",
        "--run",
        hf.toString(),
        "--excerpts",
        excerpts.toString(),
        "--count",
        "3",
        "--new-tokens",
        "4",
        "--val-tokens",
        "0",
        "--out",
        evalOut.toString());
    assertTrue(Files.isRegularFile(evalOut.resolve("eval.json")));
    String sample =
        cli(
            0,
            "sample",
            "--run",
            hf.toString(),
            "--prompt",
            "The ",
            "--samples",
            "1",
            "--new-tokens",
            "5");
    assertTrue(sample.startsWith("step 0"), sample);
  }

  @Test
  void unsupportedDirectoriesAreOneLineNamingTheFile() throws Exception {
    BpeTokenizer tokenizer = foreignTokenizer();
    Path llama = writeForeignGpt2(temp.resolve("llama"), tokenizer);
    ObjectNode config = (ObjectNode) JSON.readTree(llama.resolve("config.json").toFile());
    Files.writeString(llama.resolve("config.json"), config.put("model_type", "llama").toString());
    assertBadInput(llama, "config.json", "model_type 'llama' is not supported");

    Path missing = writeForeignGpt2(temp.resolve("missing"), tokenizer);
    Map<String, Gpt2Reference.Tensor> tensors =
        Gpt2Reference.readSafeTensors(missing.resolve("model.safetensors"));
    tensors.remove("h.1.mlp.c_fc.bias");
    Gpt2Reference.writeSafeTensors(missing.resolve("model.safetensors"), tensors);
    assertBadInput(missing, "model.safetensors", "missing tensor 'transformer.h.1.mlp.c_fc.bias'");

    Path shape = writeForeignGpt2(temp.resolve("shape"), tokenizer);
    tensors = Gpt2Reference.readSafeTensors(shape.resolve("model.safetensors"));
    Gpt2Reference.Tensor weight = tensors.get("h.0.attn.c_proj.weight");
    tensors.put(
        "h.0.attn.c_proj.weight",
        new Gpt2Reference.Tensor(new long[] {weight.data().length}, weight.data()));
    Gpt2Reference.writeSafeTensors(shape.resolve("model.safetensors"), tensors);
    assertBadInput(
        shape,
        "model.safetensors",
        "tensor 'h.0.attn.c_proj.weight' has shape [576], expected [24, 24]");

    Path relu = writeForeignGpt2(temp.resolve("relu"), tokenizer);
    config = (ObjectNode) JSON.readTree(relu.resolve("config.json").toFile());
    Files.writeString(
        relu.resolve("config.json"), config.put("activation_function", "relu").toString());
    assertBadInput(relu, "config.json", "activation_function 'relu' is not supported");
  }

  private void assertBadInput(Path directory, String file, String problem) {
    for (String command : List.of("perplexity", "eval", "sample")) {
      List<String> args = new ArrayList<>(List.of(command, "--run", directory.toString()));
      switch (command) {
        case "perplexity" ->
            args.addAll(
                List.of(
                    "--corpus", corpus.toString(), "--out", temp.resolve("never.json").toString()));
        case "eval" -> args.addAll(List.of("--out", temp.resolve("never").toString()));
        default -> args.addAll(List.of("--prompt", "x"));
      }
      String error = cli(2, args.toArray(new String[0]));
      assertEquals(1, error.lines().count(), error);
      assertTrue(error.contains(file) && error.contains(problem), error);
    }
    assertFalse(Files.exists(temp.resolve("never.json")));
    assertNotNull(directory);
  }
}
