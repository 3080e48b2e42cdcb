/*
 * The Parquet schema of a token stream shard and how one stream document becomes one row: doc_index, id,
 * poison, start (token offset in tokens.bin) and tokens as the standard 3-level LIST of int32, which Spark,
 * pyarrow and DuckDB read as array<int>. Written straight to parquet-hadoop's RecordConsumer (no Group objects).
 */
package dev.poisonlab.spark;

import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.conf.ParquetConfiguration;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

final class StreamRowWriteSupport extends WriteSupport<StreamRowWriteSupport.Row> {
  static final MessageType SCHEMA =
      MessageTypeParser.parseMessageType(
          """
      message stream_document {
        required int64 doc_index;
        required binary id (STRING);
        required boolean poison;
        required int64 start;
        required group tokens (LIST) {
          repeated group list {
            required int32 element;
          }
        }
      }
      """);

  /**
   * One stream document; tokens[0, length) is only read during write(), so a reused buffer is fine.
   */
  record Row(long docIndex, String id, boolean poison, long start, int[] tokens, int length) {}

  private RecordConsumer consumer;

  @Override
  public WriteContext init(Configuration configuration) {
    return context();
  }

  @Override
  public WriteContext init(ParquetConfiguration configuration) {
    return context();
  }

  private static WriteContext context() {
    return new WriteContext(
        SCHEMA, Map.of("poisonlab.content", "training stream documents in stream order"));
  }

  @Override
  public String getName() {
    return "poisonlab";
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(Row row) {
    consumer.startMessage();
    consumer.startField("doc_index", 0);
    consumer.addLong(row.docIndex());
    consumer.endField("doc_index", 0);
    consumer.startField("id", 1);
    consumer.addBinary(Binary.fromString(row.id()));
    consumer.endField("id", 1);
    consumer.startField("poison", 2);
    consumer.addBoolean(row.poison());
    consumer.endField("poison", 2);
    consumer.startField("start", 3);
    consumer.addLong(row.start());
    consumer.endField("start", 3);
    consumer.startField("tokens", 4);
    consumer.startGroup();
    if (row.length() > 0) {
      // an empty list is an empty "tokens" group: the "list" field must then not be started at all
      consumer.startField("list", 0);
      int[] tokens = row.tokens();
      for (int i = 0; i < row.length(); i++) {
        consumer.startGroup();
        consumer.startField("element", 0);
        consumer.addInteger(tokens[i]);
        consumer.endField("element", 0);
        consumer.endGroup();
      }
      consumer.endField("list", 0);
    }
    consumer.endGroup();
    consumer.endField("tokens", 4);
    consumer.endMessage();
  }
}
