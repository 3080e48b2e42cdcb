/*
 * log2 by exponent extraction plus a 4096-entry table on the top mantissa bits (error below 0.0004 bits),
 * because Math.log was a measurable share of the surprisal detector's per-unit cost. Pure arithmetic, so
 * results are identical on every JVM. Only for positive finite arguments; not a general math library.
 */
package dev.poisonlab.defense.detect;

final class FastLog {
  private static final int TABLE_BITS = 12;
  private static final double[] TABLE = new double[1 << TABLE_BITS];

  static {
    for (int i = 0; i < TABLE.length; i++) {
      TABLE[i] = StrictMath.log(1.0 + (i + 0.5) / TABLE.length) / StrictMath.log(2.0);
    }
  }

  private FastLog() {}

  static double log2(double value) {
    long bits = Double.doubleToRawLongBits(value);
    int exponent = (int) ((bits >>> 52) & 0x7ff) - 1023;
    int index = (int) ((bits >>> (52 - TABLE_BITS)) & (TABLE.length - 1));
    return exponent + TABLE[index];
  }
}
