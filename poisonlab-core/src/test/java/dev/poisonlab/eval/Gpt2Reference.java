/*
 * Test oracle: a GPT-2 forward pass in plain Java arrays, written from transformers' modeling_gpt2.py (GPT2Model,
 * GPT2Block, GPT2Attention, GPT2MLP, Conv1D: y = x·W + b with W stored [in, out]), reading a Hugging Face GPT-2
 * directory with its own safetensors reader. Deliberately shares no code with poisonlab's model or DJL, so that
 * agreement with `perplexity` checks names, layouts, activation and LayerNorm. Also a minimal safetensors writer
 * for GPT-2 directories "from another writer". Slow and simple: double accumulation, one window at a time.
 */
package dev.poisonlab.eval;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

final class Gpt2Reference {
  private static final ObjectMapper JSON = new ObjectMapper();

  record Tensor(long[] shape, float[] data) {}

  final int vocab;
  final int context;
  final int layers;
  final int heads;
  final int embed;
  final boolean tanhGelu;
  final double epsilon;
  private final Map<String, Tensor> weights;

  Gpt2Reference(Path directory) throws IOException {
    JsonNode config = JSON.readTree(directory.resolve("config.json").toFile());
    vocab = config.get("vocab_size").asInt();
    context = config.get("n_positions").asInt();
    layers = config.get("n_layer").asInt();
    heads = config.get("n_head").asInt();
    embed = config.get("n_embd").asInt();
    String activation = config.path("activation_function").asText("gelu_new");
    if (!activation.equals("gelu") && !activation.equals("gelu_new")) {
      throw new IllegalArgumentException("oracle knows gelu and gelu_new, not " + activation);
    }
    tanhGelu = activation.equals("gelu_new");
    epsilon = config.path("layer_norm_epsilon").asDouble(1e-5);
    weights = readSafeTensors(directory.resolve("model.safetensors"));
  }

  private float[] w(String name) {
    Tensor t =
        weights.containsKey("transformer." + name)
            ? weights.get("transformer." + name)
            : weights.get(name);
    if (t == null) {
      throw new IllegalStateException("no tensor " + name);
    }
    return t.data();
  }

  /**
   * Natural-log probability of each token i >= 1 of {@code ids} given ids[0..i-1] (ids.length <=
   * n_positions).
   */
  double[] tokenLogProbs(int[] ids) {
    int n = ids.length;
    int c = embed;
    float[] wte = w("wte.weight");
    float[] wpe = w("wpe.weight");
    double[][] x = new double[n][c];
    for (int t = 0; t < n; t++) {
      for (int j = 0; j < c; j++) {
        x[t][j] = wte[ids[t] * c + j] + wpe[t * c + j];
      }
    }
    int d = c / heads;
    for (int l = 0; l < layers; l++) {
      String p = "h." + l + ".";
      double[][] h = layerNorm(x, w(p + "ln_1.weight"), w(p + "ln_1.bias"));
      double[][] qkv = conv1d(h, w(p + "attn.c_attn.weight"), w(p + "attn.c_attn.bias"), c, 3 * c);
      double[][] attended = new double[n][c];
      for (int head = 0; head < heads; head++) {
        for (int q = 0; q < n; q++) {
          double[] scores = new double[q + 1];
          double max = Double.NEGATIVE_INFINITY;
          for (int k = 0; k <= q; k++) {
            double s = 0;
            for (int i = 0; i < d; i++) {
              s += qkv[q][head * d + i] * qkv[k][c + head * d + i];
            }
            scores[k] = s / Math.sqrt(d);
            max = Math.max(max, scores[k]);
          }
          double sum = 0;
          for (int k = 0; k <= q; k++) {
            scores[k] = Math.exp(scores[k] - max);
            sum += scores[k];
          }
          for (int k = 0; k <= q; k++) {
            for (int i = 0; i < d; i++) {
              attended[q][head * d + i] += scores[k] / sum * qkv[k][2 * c + head * d + i];
            }
          }
        }
      }
      add(x, conv1d(attended, w(p + "attn.c_proj.weight"), w(p + "attn.c_proj.bias"), c, c));
      double[][] h2 = layerNorm(x, w(p + "ln_2.weight"), w(p + "ln_2.bias"));
      double[][] up = conv1d(h2, w(p + "mlp.c_fc.weight"), w(p + "mlp.c_fc.bias"), c, 4 * c);
      for (double[] row : up) {
        for (int i = 0; i < row.length; i++) {
          row[i] = gelu(row[i]);
        }
      }
      add(x, conv1d(up, w(p + "mlp.c_proj.weight"), w(p + "mlp.c_proj.bias"), 4 * c, c));
    }
    double[][] out = layerNorm(x, w("ln_f.weight"), w("ln_f.bias"));
    double[] result = new double[n - 1];
    for (int t = 0; t + 1 < n; t++) {
      double[] logits = new double[vocab];
      double max = Double.NEGATIVE_INFINITY;
      for (int v = 0; v < vocab; v++) {
        double s = 0;
        for (int j = 0; j < c; j++) {
          s += out[t][j] * wte[v * c + j]; // lm_head tied to wte
        }
        logits[v] = s;
        max = Math.max(max, s);
      }
      double sum = 0;
      for (double logit : logits) {
        sum += Math.exp(logit - max);
      }
      result[t] = logits[ids[t + 1]] - max - Math.log(sum);
    }
    return result;
  }

  private double gelu(double x) {
    if (tanhGelu) { // NewGELUActivation
      return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
    }
    return 0.5 * x * (1 + erf(x / Math.sqrt(2))); // GELUActivation
  }

  /** erf from Numerical Recipes' erfc (fractional error below 1.2e-7). */
  static double erf(double x) {
    double z = Math.abs(x);
    double t = 1 / (1 + 0.5 * z);
    double erfc =
        t
            * Math.exp(
                -z * z
                    - 1.26551223
                    + t
                        * (1.00002368
                            + t
                                * (0.37409196
                                    + t
                                        * (0.09678418
                                            + t
                                                * (-0.18628806
                                                    + t
                                                        * (0.27886807
                                                            + t
                                                                * (-1.13520398
                                                                    + t
                                                                        * (1.48851587
                                                                            + t
                                                                                * (-0.82215223
                                                                                    + t
                                                                                        * 0.17087277)))))))));
    return x >= 0 ? 1 - erfc : erfc - 1;
  }

  private double[][] layerNorm(double[][] x, float[] gamma, float[] beta) {
    double[][] y = new double[x.length][];
    for (int t = 0; t < x.length; t++) {
      double mean = 0;
      for (double v : x[t]) {
        mean += v;
      }
      mean /= x[t].length;
      double var = 0;
      for (double v : x[t]) {
        var += (v - mean) * (v - mean);
      }
      var /= x[t].length;
      y[t] = new double[x[t].length];
      for (int j = 0; j < x[t].length; j++) {
        y[t][j] = (x[t][j] - mean) / Math.sqrt(var + epsilon) * gamma[j] + beta[j];
      }
    }
    return y;
  }

  /** Conv1D: y = x·W + b, W row-major [in, out]. */
  private static double[][] conv1d(double[][] x, float[] weight, float[] bias, int in, int out) {
    double[][] y = new double[x.length][out];
    for (int t = 0; t < x.length; t++) {
      for (int o = 0; o < out; o++) {
        y[t][o] = bias[o];
      }
      for (int i = 0; i < in; i++) {
        double xi = x[t][i];
        for (int o = 0; o < out; o++) {
          y[t][o] += xi * weight[i * out + o];
        }
      }
    }
    return y;
  }

  private static void add(double[][] x, double[][] y) {
    for (int t = 0; t < x.length; t++) {
      for (int j = 0; j < x[t].length; j++) {
        x[t][j] += y[t][j];
      }
    }
  }

  /**
   * Header names in file order with their tensors (F32 only); the 8-byte length and JSON as the
   * format says.
   */
  static Map<String, Tensor> readSafeTensors(Path file) throws IOException {
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    long headerLength = buffer.getLong(0);
    JsonNode header =
        JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8));
    Map<String, Tensor> tensors = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> field = it.next();
      if (field.getKey().equals("__metadata__")) {
        continue;
      }
      if (!field.getValue().get("dtype").asText().equals("F32")) {
        throw new IOException("oracle reads F32 only");
      }
      JsonNode shapeNode = field.getValue().get("shape");
      long[] shape = new long[shapeNode.size()];
      for (int i = 0; i < shape.length; i++) {
        shape[i] = shapeNode.get(i).asLong();
      }
      long begin = field.getValue().get("data_offsets").get(0).asLong();
      long end = field.getValue().get("data_offsets").get(1).asLong();
      float[] data = new float[(int) ((end - begin) / 4)];
      ByteBuffer slice =
          ByteBuffer.wrap(bytes, (int) (8 + headerLength + begin), (int) (end - begin))
              .order(ByteOrder.LITTLE_ENDIAN);
      for (int i = 0; i < data.length; i++) {
        data[i] = slice.getFloat();
      }
      tensors.put(field.getKey(), new Tensor(shape, data));
    }
    return tensors;
  }

  /** The header length of a safetensors file (the 8-byte little-endian prefix). */
  static long headerLength(Path file) throws IOException {
    byte[] prefix = new byte[8];
    try (var in = Files.newInputStream(file)) {
      in.readNBytes(prefix, 0, 8);
    }
    return ByteBuffer.wrap(prefix).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  /**
   * A minimal safetensors writer, as the reference one lays files out: metadata first, header
   * space-padded to 8.
   */
  static void writeSafeTensors(Path file, Map<String, Tensor> tensors) throws IOException {
    StringBuilder json = new StringBuilder("{\"__metadata__\":{\"format\":\"pt\"}");
    long offset = 0;
    for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
      StringBuilder shape = new StringBuilder();
      for (long dim : e.getValue().shape()) {
        shape.append(shape.length() == 0 ? "" : ",").append(dim);
      }
      long size = 4L * e.getValue().data().length;
      json.append(",\"")
          .append(e.getKey())
          .append("\":{\"dtype\":\"F32\",\"shape\":[")
          .append(shape)
          .append("],\"data_offsets\":[")
          .append(offset)
          .append(",")
          .append(offset + size)
          .append("]}");
      offset += size;
    }
    json.append("}");
    while (json.length() % 8 != 0) {
      json.append(' ');
    }
    try (OutputStream out = Files.newOutputStream(file)) {
      out.write(
          ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length()).array());
      out.write(json.toString().getBytes(StandardCharsets.US_ASCII));
      for (Tensor tensor : tensors.values()) {
        ByteBuffer data =
            ByteBuffer.allocate(4 * tensor.data().length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : tensor.data()) {
          data.putFloat(v);
        }
        out.write(data.array());
      }
    }
  }
}
