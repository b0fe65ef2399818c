package dev.invitegate.responder.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.invitegate.responder.bench.BenchFigures.Spread;
import dev.invitegate.responder.bench.BenchFigures.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchFiguresTest {

  @Test
  void spreadTakesTheMiddleValue_orTheMeanOfTheTwoMiddleOnes() {
    assertThat(Spread.of(5, 1, 3)).isEqualTo(new Spread(3, 1, 5, 3));
    assertThat(Spread.of(4, 1, 3, 2)).isEqualTo(new Spread(2.5, 1, 4, 4));
    assertThat(Spread.of(7).format(1)).isEqualTo("7.0");
    assertThat(Spread.of(5, 1, 3).format(2)).isEqualTo("3.00 [1.00..5.00]");
  }

  @Test
  void spreadLeavesOutFiguresThatCouldNotBeMeasured() {
    assertThat(Spread.of(Double.NaN, 2, 4)).isEqualTo(new Spread(3, 2, 4, 2));
    assertThat(Spread.of(Double.NaN).count()).isZero();
    assertThat(Spread.of().format(0)).isEqualTo("-");
  }

  @Test
  void cpuTargetIsJudgedOnTheMedianRound_notOnTheBestOrWorst() {
    // Ratios 1.0, 1.1, 1.5: one bad round does not miss it, one good round does not meet it.
    Spread ratios =
        Spread.of(
            BenchFigures.cpuRatio(100, 50, 50),
            BenchFigures.cpuRatio(110, 50, 50),
            BenchFigures.cpuRatio(150, 50, 50));
    assertThat(BenchFigures.cpuRatioTarget(300, ratios).verdict()).isEqualTo(Verdict.MET);
    assertThat(BenchFigures.cpuRatioTarget(300, Spread.of(1.0, 1.25, 1.3)).verdict())
        .isEqualTo(Verdict.MISSED);
    assertThat(BenchFigures.cpuRatioTarget(300, Spread.of(1.2)).verdict()).isEqualTo(Verdict.MET);
    assertThat(BenchFigures.cpuRatioTarget(300, Spread.of()).verdict())
        .isEqualTo(Verdict.NOT_MEASURED);
  }

  @Test
  void cpuRatioWithoutIngredientsIsNotAFigure() {
    assertThat(BenchFigures.cpuRatio(100, 0, 0)).isNaN();
  }

  @Test
  void p99TargetAllowsTwoMillisecondsOverTheIngredients_andNoErrorAtAll() {
    double excess = BenchFigures.p99Excess(9.0, 3.0, 4.0);
    assertThat(excess).isEqualTo(2.0);
    assertThat(BenchFigures.p99Target(600, Spread.of(excess), 0).verdict()).isEqualTo(Verdict.MET);
    assertThat(BenchFigures.p99Target(600, Spread.of(2.001), 0).verdict())
        .isEqualTo(Verdict.MISSED);
    assertThat(BenchFigures.p99Target(600, Spread.of(-5.0), 1).verdict()).isEqualTo(Verdict.MISSED);
  }

  @Test
  void p999TargetIsStrictlyUnderItsLimit() {
    assertThat(BenchFigures.p999Target(600, Spread.of(24.9), 0).verdict()).isEqualTo(Verdict.MET);
    assertThat(BenchFigures.p999Target(600, Spread.of(25.0), 0).verdict())
        .isEqualTo(Verdict.MISSED);
  }

  @Test
  void firstSecondsTargetNeedsEveryStartToPass() {
    OpenLoop.Result clean = result(0, 5_000_000L, 20_000_000L);
    OpenLoop.Result oneTimeout = result(1, 5_000_000L, 2_000_000_000L);
    OpenLoop.Result slow = result(0, 150_000_000L, 150_000_000L);
    assertThat(BenchFigures.firstSecondsTarget("aot", List.of(clean, clean)).verdict())
        .isEqualTo(Verdict.MET);
    assertThat(BenchFigures.firstSecondsTarget("aot", List.of(clean, oneTimeout)).verdict())
        .isEqualTo(Verdict.MISSED);
    assertThat(BenchFigures.firstSecondsTarget("aot", List.of(slow, clean)).verdict())
        .isEqualTo(Verdict.MISSED);
    assertThat(BenchFigures.firstSecondsTarget("aot", List.of()).verdict())
        .isEqualTo(Verdict.NOT_MEASURED);
  }

  @Test
  void readyAndMemoryTargetsAreInclusiveLimits() {
    assertThat(BenchFigures.readyTarget("aot", new long[] {1400, 1500, 2900}).verdict())
        .isEqualTo(Verdict.MET);
    assertThat(BenchFigures.readyTarget("aot", new long[] {1400, 1501, 1600}).verdict())
        .isEqualTo(Verdict.MISSED);
    assertThat(BenchFigures.rssTarget(OptionalDouble.of(256.0)).verdict()).isEqualTo(Verdict.MET);
    assertThat(BenchFigures.rssTarget(OptionalDouble.of(256.1)).verdict())
        .isEqualTo(Verdict.MISSED);
    assertThat(BenchFigures.rssTarget(OptionalDouble.empty()).verdict())
        .isEqualTo(Verdict.NOT_MEASURED);
  }

  @Test
  void compilationSettlesWhenASliceAddsUnderOnePercent() {
    assertThat(BenchFigures.compilationSettled(9, 1000)).isTrue();
    assertThat(BenchFigures.compilationSettled(10, 1000)).isFalse();
    assertThat(BenchFigures.compilationSettled(0, 0)).isFalse();
    assertThat(BenchFigures.compilationSettled(-1, 1000)).isFalse();
  }

  @Test
  void readsTheCompilationCountFromJstat() {
    assertThat(
            ProcFigures.parseCompilations(
                List.of(
                    "Compiled Failed Invalid   Time   FailedType FailedMethod",
                    "    4321      2       0     6.57          1 java/lang/Foo bar")))
        .isEqualTo(4321);
    assertThat(ProcFigures.parseCompilations(List.of("12345: Could not attach"))).isEqualTo(-1);
    assertThat(ProcFigures.parseCompilations(List.of())).isEqualTo(-1);
  }

  @Test
  void readsAThreadsCpuTicksAfterItsName_evenWhenTheNameHoldsSpacesAndParentheses() {
    // pid (comm) state ppid pgrp session tty tpgid flags minflt cminflt majflt cmajflt utime stime
    String stat = "4711 (C2 CompilerThre) S 1 4711 4711 0 -1 4194624 10 0 0 0 250 17 0 0 20 0";
    assertThat(ProcFigures.cpuTicks(stat)).isEqualTo(267);
    assertThat(ProcFigures.cpuTicks("9 (a) b (c)) R 1 2 3 4 5 6 7 8 9 10 40 2 0 0")).isEqualTo(42);
    assertThat(ProcFigures.isCompilerThread("C1 CompilerThre")).isTrue();
    assertThat(ProcFigures.isCompilerThread("C2 CompilerThre")).isTrue();
    assertThat(ProcFigures.isCompilerThread("ForkJoinPool-1-")).isFalse();
  }

  @Test
  void eachStartHasALogOfItsOwn_namedAfterItsLabelAndNumber() {
    assertThat(ResponderBenchmark.startLogName("this build, with AOT cache (73 MiB)", 2))
        .isEqualTo("startup-this-build-with-aot-cache-2");
    assertThat(ResponderBenchmark.startLogName("fe4cc02, with its AOT cache", 1))
        .isEqualTo("startup-fe4cc02-with-its-aot-cache-1");
    assertThat(ResponderBenchmark.startLogName("this build, without AOT cache", 3))
        .isNotEqualTo(ResponderBenchmark.startLogName("this build, with AOT cache (1 MiB)", 3));
  }

  @Test
  void countsThisJvmsCompilationsAndThreadSwitches() {
    long pid = ProcessHandle.current().pid();
    assertThat(ProcFigures.compilerCpu(pid)).isPositive();
    assertThat(ProcFigures.compilations(pid)).isPositive();
    assertThat(ProcFigures.contextSwitches(pid)).isNotEmpty();
    assertThat(ProcFigures.rssKiB(pid)).isPositive();
    assertThat(ProcFigures.threadGroup("ForkJoinPool-1-worker-3"))
        .isEqualTo("ForkJoinPool-#-worker-#");
  }

  @Test
  void baselineJarsAreLabelledPaths(@TempDir Path dir) throws Exception {
    Path jar = Files.createFile(dir.resolve("responder.jar"));
    assertThat(ResponderBenchmark.Options.baselines("main=" + jar + ", ").keySet())
        .containsExactly("main");
    assertThat(ResponderBenchmark.Options.baselines("")).isEmpty();
    assertThatThrownBy(() -> ResponderBenchmark.Options.baselines(jar.toString()))
        .hasMessageContaining("label=path");
    assertThatThrownBy(() -> ResponderBenchmark.Options.baselines("x=" + dir.resolve("none.jar")))
        .hasMessageContaining("no jar at");
  }

  @Test
  void expectsEachVectorsOwnAction() {
    assertThat(ResponderBenchmark.expectedAction("01-start-otp-invited"))
        .isEqualTo("continueWithDefaultBehavior");
    assertThat(ResponderBenchmark.expectedAction("02-start-otp-not-invited"))
        .isEqualTo("showBlockPage");
  }

  private static OpenLoop.Result result(long errors, long p50Nanos, long maxNanos) {
    long[] latencies = new long[100];
    java.util.Arrays.fill(latencies, p50Nanos);
    latencies[99] = maxNanos;
    latencies[98] = maxNanos;
    return new OpenLoop.Result("first calls", 200, latencies, errors, errors, 0);
  }
}
