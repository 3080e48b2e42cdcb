/*
 * `poisonlab export`: one checkpoint of a run as a Hugging Face GPT-2 directory (config.json, model.safetensors,
 * tokenizer files). Thin: parse, HfExport, print.
 */
package dev.poisonlab.cli;

import dev.poisonlab.eval.CheckpointSelection;
import dev.poisonlab.eval.HfExport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description =
        "Write a run's checkpoint as a Hugging Face GPT-2 directory (GPT2LMHeadModel, safetensors).")
public final class ExportCommand implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--run",
      required = true,
      paramLabel = "RUNDIR",
      description = "Run directory written by train.")
  Path run;

  @Option(
      names = "--checkpoint",
      defaultValue = "last",
      paramLabel = "last|STEP",
      description = "Checkpoint (default: ${DEFAULT-VALUE}).")
  String checkpoint;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "Output directory.")
  Path out;

  @Override
  public Integer call() {
    HfExport.Request request =
        OptionChecks.settings(
            spec, () -> new HfExport.Request(run, new CheckpointSelection(checkpoint), out));
    HfExport.Result result = HfExport.export(request);
    PrintWriter printer = spec.commandLine().getOut();
    printer.println(
        "exported step "
            + result.step()
            + " ("
            + result.parameters()
            + " parameters, activation "
            + result.activation()
            + ") to "
            + result.directory()
            + ": "
            + String.join(", ", result.files()));
    printer.flush();
    return 0;
  }
}
