/*
 * config.json of a further-clean-training run: the SFT checkpoint it started from (directory informational,
 * weights pinned by SHA-256), the SFT run's own settings (so its rows name the poisoned cell without reading
 * the parent again), the model shape, the SHA-256 of the tokenizer.json copied from the parent, and the
 * continuation's SftConfig (no poisons). A rerun must present an equal one (paths aside) or it is refused.
 */
package dev.poisonlab.finetune;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.poisonlab.model.GptConfig;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ContinueRunConfig(
    String stage,
    SftRunConfig.Parent parent,
    SftConfig parentSft,
    GptConfig model,
    String tokenizerSha256,
    SftConfig sft) {
  public static final String STAGE = "sft-continue";

  public boolean sameRunAs(ContinueRunConfig other) {
    return SftRunConfig.equalButParentDirectory(this, other);
  }
}
