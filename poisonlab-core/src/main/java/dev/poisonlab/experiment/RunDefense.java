/*
 * The filter-then-train stage of a defended grid run: scans the run's clean corpus and poisons together
 * (FilterThenTrain), and records in runs/<id>/defense.json what was dropped and how well the scan did. The
 * stream is then built from the unfiltered inputs minus the dropped ids, so held-out documents stay those of
 * the undefended run. Resumable: an existing defense.json is read back, not recomputed. It decides nothing.
 */
package dev.poisonlab.experiment;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import dev.poisonlab.defense.filter.FilterThenTrain;
import dev.poisonlab.defense.filter.NamedDefenses;
import dev.poisonlab.defense.scan.DetectionMetrics;
import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.CorpusReader;
import dev.poisonlab.io.Document;
import dev.poisonlab.io.InputException;
import dev.poisonlab.io.ReadOptions;
import dev.poisonlab.poison.PoisonFile;
import dev.poisonlab.poison.PoisonRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

final class RunDefense {
  static final String FILE = "defense.json";
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .enable(JsonParser.Feature.ALLOW_NON_NUMERIC_NUMBERS);

  private RunDefense() {}

  /**
   * What the filter did to one run's inputs. Precision and recall are those of the filter as
   * applied (a document counts as caught when any applied detector flagged it); null when there is
   * nothing to divide. scan_metrics are the scan's own rows per detector (at each detector's
   * threshold), empty without poisons.
   */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  record Outcome(
      String defense,
      List<String> detectors,
      String mode,
      long cleanDocuments,
      long cleanDropped,
      long poisons,
      long poisonsDropped,
      long poisonsKept,
      Double precision,
      Double recall,
      double scanSeconds,
      List<DetectionMetrics.Row> scanMetrics,
      List<String> droppedIds) {

    static Outcome of(
        String name,
        FilterThenTrain.Defense defense,
        List<Document> clean,
        List<PoisonRecord> poisons,
        FilterThenTrain.Result result) {
      Set<String> kept = new HashSet<>();
      result.clean().forEach(document -> kept.add(document.id()));
      result.poisons().forEach(poison -> kept.add(poison.id()));
      List<String> dropped = new ArrayList<>();
      clean.stream().map(Document::id).filter(id -> !kept.contains(id)).forEach(dropped::add);
      poisons.stream().map(PoisonRecord::id).filter(id -> !kept.contains(id)).forEach(dropped::add);
      long flagged = result.cleanDropped() + result.poisonsDropped();
      Double precision = flagged == 0 ? null : (double) result.poisonsDropped() / flagged;
      Double recall = poisons.isEmpty() ? null : (double) result.poisonsDropped() / poisons.size();
      List<DetectionMetrics.Row> metrics =
          result.scan().metrics() == null ? List.of() : result.scan().metrics().rows();
      return builder()
          .defense(name)
          .detectors(defense.apply())
          .mode(defense.mode().name().toLowerCase(java.util.Locale.ROOT))
          .cleanDocuments(clean.size())
          .cleanDropped(result.cleanDropped())
          .poisons(poisons.size())
          .poisonsDropped(result.poisonsDropped())
          .poisonsKept(result.poisons().size())
          .precision(precision)
          .recall(recall)
          .scanSeconds(result.scan().seconds())
          .scanMetrics(metrics)
          .droppedIds(dropped)
          .build();
    }

    /** Builds a Outcome by component name instead of by 13 positions. */
    static Builder builder() {
      return new Builder();
    }

    /** Outcome's components by name, handed to the canonical constructor by build(). */
    static final class Builder {
      private String defense;
      private List<String> detectors;
      private String mode;
      private long cleanDocuments;
      private long cleanDropped;
      private long poisons;
      private long poisonsDropped;
      private long poisonsKept;
      private Double precision;
      private Double recall;
      private double scanSeconds;
      private List<DetectionMetrics.Row> scanMetrics;
      private List<String> droppedIds;

      private Builder() {}

      Builder defense(String value) {
        this.defense = value;
        return this;
      }

      Builder detectors(List<String> value) {
        this.detectors = value;
        return this;
      }

      Builder mode(String value) {
        this.mode = value;
        return this;
      }

      Builder cleanDocuments(long value) {
        this.cleanDocuments = value;
        return this;
      }

      Builder cleanDropped(long value) {
        this.cleanDropped = value;
        return this;
      }

      Builder poisons(long value) {
        this.poisons = value;
        return this;
      }

      Builder poisonsDropped(long value) {
        this.poisonsDropped = value;
        return this;
      }

      Builder poisonsKept(long value) {
        this.poisonsKept = value;
        return this;
      }

      Builder precision(Double value) {
        this.precision = value;
        return this;
      }

      Builder recall(Double value) {
        this.recall = value;
        return this;
      }

      Builder scanSeconds(double value) {
        this.scanSeconds = value;
        return this;
      }

      Builder scanMetrics(List<DetectionMetrics.Row> value) {
        this.scanMetrics = value;
        return this;
      }

      Builder droppedIds(List<String> value) {
        this.droppedIds = value;
        return this;
      }

      Outcome build() {
        return new Outcome(
            defense,
            detectors,
            mode,
            cleanDocuments,
            cleanDropped,
            poisons,
            poisonsDropped,
            poisonsKept,
            precision,
            recall,
            scanSeconds,
            scanMetrics,
            droppedIds);
      }
    }
  }

  /**
   * The run's defence outcome: read from DIR/defense.json when present, else filtered and written
   * there.
   */
  static Outcome ensure(RunSpec run, List<Path> corpus, Path poisonsFile, Path directory) {
    Optional<Outcome> recorded = read(directory);
    if (recorded.isPresent()) {
      return recorded.get();
    }
    Path file = directory.resolve(FILE);
    FilterThenTrain.Defense defense =
        NamedDefenses.byName(run.defense())
            .orElseThrow(
                () -> new IllegalArgumentException("run " + run.id() + " has no defence to apply"));
    List<Document> clean = CorpusReader.readAll(corpus, ReadOptions.defaults());
    List<PoisonRecord> poisons = poisonsFile == null ? List.of() : PoisonFile.read(poisonsFile);
    FilterThenTrain.Result result = FilterThenTrain.filter(clean, poisons, defense);
    Outcome outcome = Outcome.of(run.defense(), defense, clean, poisons, result);
    try {
      AtomicFiles.writeString(file, JSON.writeValueAsString(outcome) + "\n");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    return outcome;
  }

  /** The run's recorded outcome; empty when its filter has not run (or the run has none). */
  static Optional<Outcome> read(Path directory) {
    Path file = directory.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(JSON.readValue(file.toFile(), Outcome.class));
    } catch (IOException e) {
      throw new InputException(
          file, 0, "cannot read the run's defence record: " + e.getMessage(), e);
    }
  }
}
