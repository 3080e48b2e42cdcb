/*
 * `corpus build --format parquet`: the core finds this provider through ServiceLoader (META-INF/services) when
 * the Spark module's jars are on the classpath. It only opens a ParquetShardWriter; no SparkSession is started
 * (slow to start, and Spark's part-file names are random, which would break byte-identical rebuilds).
 */
package dev.poisonlab.spark;

import dev.poisonlab.corpus.BuildConfig;
import dev.poisonlab.corpus.StreamFormat;
import dev.poisonlab.corpus.StreamSinkProvider;
import java.nio.file.Path;

public final class ParquetStreamSinkProvider implements StreamSinkProvider {

  @Override
  public StreamFormat format() {
    return StreamFormat.PARQUET;
  }

  @Override
  public FileSink open(Path workDirectory, BuildConfig config) {
    return new ParquetShardWriter(workDirectory, config.parquetShardTokens());
  }
}
