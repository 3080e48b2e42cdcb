/*
 * Where a run's training stream lies (tokens.bin + manifest.json), or why it cannot be reached (a run trained
 * elsewhere, a stream deleted after training). Only a location: CleanTokenCounts reads it.
 */
package dev.poisonlab.eval;

import java.nio.file.Path;

public record TrainingStream(Path directory, String unavailable) {

  public TrainingStream {
    if ((directory == null) == (unavailable == null)) {
      throw new IllegalArgumentException(
          "a training stream has either a directory or a reason it is unavailable");
    }
  }

  public static TrainingStream at(Path directory) {
    return new TrainingStream(directory, null);
  }

  public static TrainingStream unavailable(String reason) {
    return new TrainingStream(null, reason);
  }

  public boolean isAvailable() {
    return directory != null;
  }
}
