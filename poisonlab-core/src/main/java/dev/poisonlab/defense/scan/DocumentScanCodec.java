/*
 * A compact binary form of a DocumentScan for engines that ship results between processes: Java
 * serialization of the record graph was the slowest step of the Spark path (measured: 7.6 s of 33 s on the
 * development corpus). Lossless: decode(encode(x)) equals x. Not a storage format: no versioning.
 */
package dev.poisonlab.defense.scan;

import dev.poisonlab.defense.DocumentScan;
import dev.poisonlab.defense.Verdict;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

public final class DocumentScanCodec {
  private DocumentScanCodec() {}

  public static byte[] encode(DocumentScan scan) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + scan.id().length());
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.writeUTF(scan.id());
      out.writeInt(scan.length());
      out.writeShort(scan.verdicts().size());
      for (int d = 0; d < scan.verdicts().size(); d++) {
        Verdict verdict = scan.verdicts().get(d);
        out.writeDouble(verdict.score());
        out.writeBoolean(verdict.flagged());
        out.writeInt(verdict.spanStart());
        out.writeInt(verdict.spanEnd());
        out.writeUTF(verdict.reason());
        writeNullable(out, scan.windows().get(d));
      }
      writeNullable(out, scan.background());
      out.writeShort(scan.changePoints().size());
      for (DocumentScan.ChangePoint point : scan.changePoints()) {
        out.writeInt(point.start());
        out.writeInt(point.end());
        out.writeInt(point.windowStart());
        out.writeUTF(point.window());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  public static DocumentScan decode(byte[] encoded) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
      String id = in.readUTF();
      int length = in.readInt();
      int detectors = in.readShort();
      List<Verdict> verdicts = new ArrayList<>(detectors);
      List<String> windows = new ArrayList<>(detectors);
      for (int d = 0; d < detectors; d++) {
        verdicts.add(
            new Verdict(
                in.readDouble(), in.readBoolean(), in.readInt(), in.readInt(), in.readUTF()));
        windows.add(readNullable(in));
      }
      String background = readNullable(in);
      int points = in.readShort();
      List<DocumentScan.ChangePoint> changePoints = new ArrayList<>(points);
      for (int p = 0; p < points; p++) {
        changePoints.add(
            new DocumentScan.ChangePoint(in.readInt(), in.readInt(), in.readInt(), in.readUTF()));
      }
      return new DocumentScan(id, length, verdicts, windows, background, changePoints);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeNullable(DataOutputStream out, String value) throws IOException {
    out.writeBoolean(value != null);
    if (value != null) {
      out.writeUTF(value);
    }
  }

  private static String readNullable(DataInputStream in) throws IOException {
    return in.readBoolean() ? in.readUTF() : null;
  }
}
