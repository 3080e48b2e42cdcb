/*
 * Causal attention through PyTorch's fused scaled_dot_product_attention, which DJL 0.36 does not wrap: a
 * one-method TorchScript module (TorchScriptModule) calls it. On the CPU it runs the flash-attention kernel:
 * no (B,H,T,T) scores, mask or softmax tensors, and strided q/k/v views read without copies. It skips only
 * key blocks wholly above the diagonal, and keys come in blocks of 512: at T <= 512 it computes every
 * score and masks. Dimensions: B batch, H heads, T time, D head size.
 */
package dev.poisonlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;

public final class FusedAttention {
  /**
   * Set to "matmul" to force the explicit q·kᵀ, mask, softmax path (A/B runs, a broken libtorch).
   */
  public static final String PROPERTY = "poisonlab.attention";

  // scale=None is 1/√D, the scale of the explicit path; dropout 0, is_causal: top-left aligned, Tq
  // = Tk
  private static final String CODE =
      String.join(
          "\n",
          "class CausalAttention(Module):",
          "  __parameters__ = []",
          "  __buffers__ = []",
          "  training : bool",
          "  def forward(self: __torch__.CausalAttention, query: Tensor, key: Tensor,",
          "      value: Tensor) -> Tensor:",
          "    return torch.scaled_dot_product_attention(query, key, value, None, 0., True)",
          "");

  private FusedAttention() {}

  /**
   * Loaded on first use and never closed (one small module per process); null when this libtorch
   * refuses the archive, and then the explicit path runs.
   */
  private static final class Holder {
    static final PtSymbolBlock MODULE =
        TorchScriptModule.load("CausalAttention", CODE, "fused attention");
  }

  /** Whether whole-sequence forwards use the fused kernel: unless the property says matmul. */
  public static boolean enabled() {
    return !"matmul".equals(System.getProperty(PROPERTY)) && Holder.MODULE != null;
  }

  /**
   * softmax(q·kᵀ/√D + causal mask)·v for q, k, v (B,H,T,D) (views need not be contiguous) ->
   * (B,H,T,D), in q's manager. Differentiable under a GradientCollector like any engine op.
   */
  public static NDArray causal(NDArray query, NDArray key, NDArray value) {
    // isTrain=true only means "keep the caller's grad mode"; false would switch autograd off
    return IValueUtils.forward(
            Holder.MODULE, TorchScriptModule.arguments(query.getManager(), query, key, value), true)
        .singletonOrThrow(); // (B,H,T,D)
  }
}
