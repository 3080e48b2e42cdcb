/*
 * How long library work says how far it got without knowing who watches: the CLI draws progress bars on
 * stderr (cli.ProgressBars), tests and library callers pass Progress.NONE. Not a logger: no results and no
 * warnings go through it, only counts of done work.
 */
package dev.poisonlab.io;

public interface Progress {
  /** Reports nothing; the default for library callers and tests. */
  Progress NONE = (task, max, unit, from) -> Task.NONE;

  /**
   * Starts one task of {@code max} units ({@code -1}: unknown) already {@code from} units done (a
   * resumed run); close the task when the work ends, even by an exception.
   */
  Task start(String task, long max, String unit, long from);

  default Task start(String task, long max, String unit) {
    return start(task, max, unit, 0);
  }

  /** One running task; every method is cheap enough to call per document or per step. */
  interface Task extends AutoCloseable {
    Task NONE =
        new Task() {
          @Override
          public void stepBy(long units) {}

          @Override
          public void stepTo(long units) {}

          @Override
          public void message(String text) {}

          @Override
          public void close() {}
        };

    void stepBy(long units);

    default void step() {
      stepBy(1);
    }

    void stepTo(long units);

    /**
     * A short status shown beside the count (the current step, the loss); replaces the previous
     * one.
     */
    void message(String text);

    @Override
    void close();
  }
}
