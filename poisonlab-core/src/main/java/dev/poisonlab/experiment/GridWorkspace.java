/*
 * The on-disk layout of a grid directory and its shared caches: grid.json (the spec as run; a rerun may change
 * only which runs exist), commands.txt, cache/tokenizer.json (trained once for "bpe:N" tokenizers), runs/<id>/...,
 * results.csv, failures.json and report/. It owns paths and the tokenizer cache, not the pipeline.
 */
package dev.poisonlab.experiment;

import dev.poisonlab.io.AtomicFiles;
import dev.poisonlab.io.CorpusPaths;
import dev.poisonlab.io.InputException;
import dev.poisonlab.io.Progress;
import dev.poisonlab.io.ReadOptions;
import dev.poisonlab.tokenizer.BpeTrainerConfig;
import dev.poisonlab.tokenizer.Tokenizer;
import dev.poisonlab.tokenizer.TokenizerTraining;
import dev.poisonlab.tokenizer.Tokenizers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

public final class GridWorkspace {
  public static final String SPEC_FILE = "grid.json";
  public static final String COMMANDS_FILE = "commands.txt";
  public static final String RESULTS_FILE = "results.csv";
  public static final String FAILURES_FILE = "failures.json";

  /**
   * How this version makes a run's poisons and stream, which grid.json does not say: written when a
   * grid starts and required to resume one, so a grid begun under another recipe is never finished
   * under this one.
   */
  public static final String RECIPE_FILE = "recipe.json";

  static final String RECIPE =
      "{\"poisons\": \"context-fitted\", \"payload_ids\": \"clean\", "
          + "\"placement\": \"one training window per poison\", \"heldout\": \"independent of poisons\", "
          + "\"version\": 3}\n";
  private static final String BPE_PREFIX = "bpe:";

  private final Path directory;
  private final GridSpec spec;

  private GridWorkspace(Path directory, GridSpec spec) {
    this.directory = directory;
    this.spec = spec;
  }

  /**
   * Opens (or starts) a grid directory for {@code spec}. A directory whose grid.json makes runs
   * differently (any shared setting changed), or that was started under another poison recipe, is
   * refused: resuming must never silently mix two grids' runs. A spec that only adds or drops runs
   * (another seed, size or count) replaces grid.json, and the runs both lists share are reused.
   */
  public static GridWorkspace open(Path directory, GridSpec spec, String commandLine) {
    Path specFile = directory.resolve(SPEC_FILE);
    if (Files.isRegularFile(specFile)) {
      GridSpec existing = GridSpec.read(specFile);
      if (!existing.makesRunsLike(spec)) {
        throw new InputException(
            specFile,
            0,
            "this directory holds a grid whose runs are made differently (only models, counts,"
                + " multipliers, seeds, twins, defences, placebos and attacks may change); rerun with"
                + " the same spec to resume, or choose a new --out");
      }
      requireSameRecipe(directory.resolve(RECIPE_FILE));
      if (!existing.equals(spec)) {
        // another run list, the same recipe: finished runs are kept and reused, results.csv lists
        // the new runs
        AtomicFiles.writeString(specFile, spec.toJson() + "\n");
      }
    } else {
      AtomicFiles.writeString(directory.resolve(RECIPE_FILE), RECIPE);
      AtomicFiles.writeString(specFile, spec.toJson() + "\n");
    }
    GridWorkspace workspace = new GridWorkspace(directory, spec);
    if (commandLine != null && !commandLine.isBlank()) {
      workspace.appendCommand(commandLine);
    }
    return workspace;
  }

  /**
   * An existing grid directory (a live grid or a snapshot) for reading what its runs wrote, such as
   * recomputing verdicts: nothing is trained, so neither the recipe nor the command log is checked
   * or touched.
   */
  static GridWorkspace existing(Path directory, GridSpec spec) {
    return new GridWorkspace(directory, spec);
  }

  /**
   * The same with the spec read from the directory's grid.json; a directory without one is an
   * InputException naming the file.
   */
  static GridWorkspace existing(Path directory) {
    Path specFile = directory.resolve(SPEC_FILE);
    if (!Files.isRegularFile(specFile)) {
      throw new InputException(
          specFile, 0, "missing: not a grid directory (expected one written by `grid`)");
    }
    return existing(directory, GridSpec.read(specFile));
  }

  private static void requireSameRecipe(Path recipeFile) {
    String found;
    try {
      found =
          Files.isRegularFile(recipeFile)
              ? Files.readString(recipeFile, StandardCharsets.UTF_8)
              : null;
    } catch (IOException e) {
      throw new InputException(recipeFile, 0, "cannot read: " + e.getMessage(), e);
    }
    if (!RECIPE.equals(found)) {
      throw new InputException(
          recipeFile,
          0,
          (found == null
                  ? "missing: this grid was started before " + "context-fitted poisons"
                  : "another poison recipe")
              + "; its finished runs would mix with new ones, so"
              + " finish it with the poisonlab version that started it, or choose a new --out");
    }
  }

  private void appendCommand(String commandLine) {
    Path file = directory.resolve(COMMANDS_FILE);
    try {
      String existing =
          Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
      if (!existing.lines().toList().contains(commandLine)) {
        AtomicFiles.writeString(file, existing + commandLine + "\n");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot update " + file + ": " + e.getMessage(), e);
    }
  }

  public Path directory() {
    return directory;
  }

  public GridSpec spec() {
    return spec;
  }

  public Path runDirectory(RunSpec run) {
    return directory.resolve("runs").resolve(run.id());
  }

  public Path resultsFile() {
    return directory.resolve(RESULTS_FILE);
  }

  public Path failuresFile() {
    return directory.resolve(FAILURES_FILE);
  }

  public List<Path> corpus() {
    return CorpusPaths.resolve(spec.corpus());
  }

  /** The eval excerpts file, or null to use each run's held-out split. */
  public Path excerpts() {
    return spec.excerpts() == null ? null : CorpusPaths.resolve(List.of(spec.excerpts())).get(0);
  }

  /**
   * The grid's tokenizer definition file, shared by every run: "bpe:N" is trained once on the
   * grid's corpus into cache/tokenizer.json; a built-in name or a tokenizer.json path is recorded
   * there as is.
   */
  public Path tokenizerFile(Progress progress) {
    Path cached = cachedTokenizer(directory);
    if (Files.isRegularFile(cached)) {
      return cached;
    }
    String tokenizer = spec.tokenizer();
    OptionalInt bpe = bpeVocabSize(tokenizer);
    if (bpe.isPresent()) {
      TokenizerTraining.train(
          corpus(),
          ReadOptions.defaults(),
          BpeTrainerConfig.ofVocabSize(bpe.getAsInt()),
          cached,
          progress);
    } else {
      Tokenizer loaded = Tokenizers.load(tokenizer);
      Tokenizers.write(loaded, cached);
    }
    return cached;
  }

  /** Where the grid directory {@code directory} keeps the tokenizer all its runs share. */
  static Path cachedTokenizer(Path directory) {
    return directory.resolve("cache").resolve("tokenizer.json");
  }

  /**
   * N of a "bpe:N" tokenizer (trained to exactly N tokens), empty for a built-in name or a path;
   * "bpe:" without a number N is an IllegalArgumentException.
   */
  static OptionalInt bpeVocabSize(String tokenizer) {
    if (!tokenizer.startsWith(BPE_PREFIX)) {
      return OptionalInt.empty();
    }
    try {
      return OptionalInt.of(Integer.parseInt(tokenizer.substring(BPE_PREFIX.length())));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "tokenizer must be bpe:N with a number N, got '" + tokenizer + "'");
    }
  }
}
