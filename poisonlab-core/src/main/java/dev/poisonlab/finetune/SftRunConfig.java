/*
 * config.json of an SFT run directory: the pretrained checkpoint it started from (directory informational,
 * weights pinned by SHA-256), the grown model shape, the SHA-256 of the extended tokenizer.json and the
 * SftConfig. A rerun on the same directory must present an equal one (paths aside) or it is refused.
 */
package dev.poisonlab.finetune;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.poisonlab.model.GptConfig;

@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record SftRunConfig(
    String stage, Parent parent, GptConfig model, String tokenizerSha256, SftConfig sft) {
  public static final String STAGE = "sft";

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public record Parent(String directory, long step, String weightsSha256) {}

  /**
   * Whether {@code other} describes the same run: equal in everything but the parent's directory
   * path.
   */
  public boolean sameRunAs(SftRunConfig other) {
    return equalButParentDirectory(this, other);
  }

  /** Whether two run configs serialise alike once their parent.directory is left out. */
  static boolean equalButParentDirectory(Object one, Object other) {
    ObjectMapper json = new ObjectMapper();
    ObjectNode mine = json.valueToTree(one);
    ObjectNode theirs = json.valueToTree(other);
    ((ObjectNode) mine.get("parent")).remove("directory");
    ((ObjectNode) theirs.get("parent")).remove("directory");
    return mine.equals(theirs);
  }
}
