/*
 * Turns the runs' config.json files into two readable tables: settings every run shares (key, value) and the
 * settings that differ (one row per run, one column per differing key). Nested objects become dotted keys;
 * arrays stay JSON text. The verbatim files are shown beside these tables, so nothing is lost here.
 */
package dev.poisonlab.report;

import com.fasterxml.jackson.databind.JsonNode;
import dev.poisonlab.report.Findings.Table;
import dev.poisonlab.report.GridDirectory.JsonFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.SortedMap;

final class ConfigTables {
  private static final String ABSENT = "–";

  private final Map<String, Map<String, String>> flatByRun = new LinkedHashMap<>();
  private final Set<String> keys = new LinkedHashSet<>();

  ConfigTables(SortedMap<String, JsonFile> configs) {
    configs.forEach(
        (runId, config) -> {
          Map<String, String> flat = new LinkedHashMap<>();
          flatten("", config.tree(), flat);
          flatByRun.put(runId, flat);
          keys.addAll(flat.keySet());
        });
  }

  Table shared() {
    List<List<String>> rows = new ArrayList<>();
    for (String key : keys) {
      if (isShared(key)) {
        rows.add(List.of(key, flatByRun.values().iterator().next().get(key)));
      }
    }
    return new Table(
        "Settings shared by all " + flatByRun.size() + " runs (from runs/*/config.json).",
        List.of("setting", "value"),
        rows);
  }

  Table varying() {
    List<String> differing = keys.stream().filter(key -> !isShared(key)).toList();
    List<String> header = new ArrayList<>(List.of("run_id"));
    header.addAll(differing);
    List<List<String>> rows = new ArrayList<>();
    flatByRun.forEach(
        (runId, flat) -> {
          List<String> row = new ArrayList<>(List.of(runId));
          differing.forEach(key -> row.add(flat.getOrDefault(key, ABSENT)));
          rows.add(row);
        });
    return new Table(
        "Settings that differ between runs (" + ABSENT + ": not set in that run's config).",
        header,
        rows);
  }

  private boolean isShared(String key) {
    return flatByRun.values().stream().map(flat -> flat.get(key)).distinct().count() == 1
        && flatByRun.values().stream().allMatch(flat -> Objects.nonNull(flat.get(key)));
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> flat) {
    if (node.isObject() && !node.isEmpty()) {
      node.fields()
          .forEachRemaining(
              field ->
                  flatten(
                      prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(),
                      field.getValue(),
                      flat));
    } else {
      flat.put(prefix, node.isTextual() ? node.asText() : node.toString());
    }
  }
}
