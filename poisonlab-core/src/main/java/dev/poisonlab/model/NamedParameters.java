/*
 * nanoGPT's parameter names for DJL's Linear and LayerNorm ("c_attn.weight", "ln_1.bias", ...), so a
 * checkpoint's safetensors file reads like a nanoGPT state dict. Not a general DJL naming scheme.
 */
package dev.poisonlab.model;

import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import java.util.Map;

final class NamedParameters {
  private NamedParameters() {}

  /** LayerNorm over the channel axis of (B,T,C) hidden states, eps 1e-5 like torch.nn.LayerNorm. */
  static LayerNorm channelLayerNorm() {
    return LayerNorm.builder().axis(2).build();
  }

  static void linear(Map<String, Parameter> out, String prefix, Linear linear) {
    out.put(prefix + "weight", linear.getParameters().get("weight"));
    out.put(prefix + "bias", linear.getParameters().get("bias"));
  }

  static void layerNorm(Map<String, Parameter> out, String prefix, LayerNorm norm) {
    out.put(prefix + "weight", norm.getParameters().get("gamma"));
    out.put(prefix + "bias", norm.getParameters().get("beta"));
  }
}
