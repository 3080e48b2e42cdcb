/*
 * A stream format written outside the core, found at run time through ServiceLoader: poisonlab-spark provides
 * Parquet, so Hadoop's jars never have to be on the core's classpath. The builder looks providers up before
 * any work, opens one sink in the build's work directory and publishes what it wrote with the rest.
 */
package dev.poisonlab.corpus;

import dev.poisonlab.io.InputException;
import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

public interface StreamSinkProvider {

  StreamFormat format();

  /** Opens a sink writing under {@code workDirectory} (the unpublished stream directory). */
  FileSink open(Path workDirectory, BuildConfig config);

  /**
   * A sink that owns files: finish() completes them after the last document; close() alone abandons
   * them.
   */
  interface FileSink extends StreamSink, AutoCloseable {

    /**
     * Completes every file; returns them (paths relative to the stream directory) for the manifest.
     */
    List<StreamManifest.Shard> finish();

    @Override
    void close();
  }

  /** The provider of {@code format}, or an error saying how to put it on the classpath. */
  static StreamSinkProvider find(StreamFormat format) {
    for (StreamSinkProvider provider : ServiceLoader.load(StreamSinkProvider.class)) {
      if (provider.format() == format) {
        return provider;
      }
    }
    throw new InputException(
        "format "
            + format.jsonName()
            + " needs the Spark module on the classpath: "
            + "run it as ./poisonlab corpus build ... --format "
            + format.jsonName()
            + " (the launcher then builds "
            + "poisonlab-spark and adds its jars), or add poisonlab-spark/target/poisonlab-spark.jar and "
            + "poisonlab-spark/target/lib/* to the classpath");
  }
}
