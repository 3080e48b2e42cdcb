/*
 * Training's tied output head and cross-entropy as one TorchScript call (TorchScriptModule), Liger-Kernel's
 * fused linear cross-entropy in libtorch ops: per chunk of rows, logits, log-softmax and the logits' gradient
 * formed in the forward pass, so autograd never holds the (B·T,V) logits. Not for evaluation or per-token
 * losses (GptModel.tokenLosses). Dimensions: N rows (B·T), C channels, V vocabulary.
 */
package dev.poisonlab.model;

import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValueUtils;

public final class FusedHeadLoss {
  /** Set to "explicit" to run the head and loss as separate DJL operations (A/B runs). */
  public static final String PROPERTY = "poisonlab.loss";

  // The inputs are detached inside, so autograd records nothing between them and the loss. The one
  // gradient path is the surrogate Σ h·dh + Σ wte·dwte, whose gradients are exactly dh and dwte; it
  // is added as (surrogate − surrogate), which is 0 whenever dh and dwte are finite. Chunks of
  // 2^21 / V rows (8 MB of logits; 1024 rows at V = 2048): 512-2048 ran alike, one chunk 5% slower.
  private static final String CODE =
      String.join(
          "\n",
          "class HeadLoss(Module):",
          "  __parameters__ = []",
          "  __buffers__ = []",
          "  training : bool",
          "  def forward(self: __torch__.HeadLoss, normed: Tensor, table: Tensor,",
          "      targets: Tensor) -> Tensor:",
          "    hidden = torch.detach(normed)",
          "    weights = torch.detach(table)",
          "    rows = torch.size(hidden, 0)",
          "    chunk = max(1, 2097152 // torch.size(weights, 0))",
          "    picked = torch.unsqueeze(targets, 1)",
          "    minus_ones = torch.neg(torch.ones_like(picked, dtype=6))",
          "    picked_log_probs = annotate(List[Tensor], [])",
          "    dhidden_chunks = annotate(List[Tensor], [])",
          "    dtable = torch.zeros_like(weights)",
          "    for start in range(0, rows, chunk):",
          "      end = min(start + chunk, rows)",
          "      h = torch.slice(hidden, 0, start, end)",
          "      t = torch.slice(picked, 0, start, end)",
          "      log_probs = torch.log_softmax(torch.mm(h, torch.t(weights)), 1)",
          "      picked_log_probs.append(torch.gather(log_probs, 1, t))",
          "      dlogits = torch.exp_(log_probs)",
          "      dlogits = torch.scatter_add_(dlogits, 1, t, torch.slice(minus_ones, 0, start, end))",
          "      dhidden_chunks.append(torch.mm(dlogits, weights))",
          "      dtable = torch.addmm_(dtable, torch.t(dlogits), h)",
          "    loss = torch.neg(torch.mean(torch.cat(picked_log_probs)))",
          "    dhidden = torch.div(torch.cat(dhidden_chunks), rows)",
          "    dtable = torch.div(dtable, rows)",
          "    surrogate = torch.add(torch.sum(torch.mul(normed, dhidden)),",
          "        torch.sum(torch.mul(table, dtable)))",
          "    return torch.add(loss, torch.sub(surrogate, torch.detach(surrogate)))",
          "");

  private FusedHeadLoss() {}

  /** Loaded on first use and never closed; null when this libtorch refuses the archive. */
  private static final class Holder {
    static final PtSymbolBlock MODULE =
        TorchScriptModule.load("HeadLoss", CODE, "fused head and loss");
  }

  /** Whether training losses take the fused path: unless the property says explicit. */
  public static boolean enabled() {
    return !"explicit".equals(System.getProperty(PROPERTY)) && Holder.MODULE != null;
  }

  /**
   * Mean over N rows of −log softmax(normed·tableᵀ)[target], a scalar, for normed (N,C), the tied
   * table (V,C) and int64 targets (N); differentiable in normed and table under a
   * GradientCollector.
   */
  public static NDArray mean(NDArray normed, NDArray table, NDArray targets) {
    // isTrain=true keeps the caller's grad mode (see FusedAttention.causal)
    return IValueUtils.forward(
            Holder.MODULE,
            TorchScriptModule.arguments(normed.getManager(), normed, table, targets),
            true)
        .singletonOrThrow(); // ()
  }
}
