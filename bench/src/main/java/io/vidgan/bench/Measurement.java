package io.vidgan.bench;

/** One thing {@code bin/bench} measures; adds its figures and raw data to the report. */
interface Measurement {
  /** The name typed after {@code bin/bench}, e.g. {@code replicas}. */
  String name();

  /** One line for {@code --help}. */
  String summary();

  void run(BenchContext context, Report report) throws Exception;
}
