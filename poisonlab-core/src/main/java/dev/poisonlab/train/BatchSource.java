/*
 * Where a training step's token windows come from: the in-order stream when training, random ids when
 * benchmarking. Fills row-major (batch x time) inputs and the targets shifted by one.
 */
package dev.poisonlab.train;

@FunctionalInterface
public interface BatchSource {
  void next(int batch, int time, int[] inputs, int[] targets);
}
