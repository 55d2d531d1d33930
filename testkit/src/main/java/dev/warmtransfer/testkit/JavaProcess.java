package dev.warmtransfer.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A child JVM on this JVM's own classpath (a bot worker, the service, a load process): the tests
 * and benches start the product's processes the way the launcher does, from the classes they built.
 */
public final class JavaProcess {
  private JavaProcess() {}

  /** {@code java -Dfile.encoding=UTF-8 <jvmOptions> -cp <this classpath> <mainClass> <args>}. */
  public static ProcessBuilder of(List<String> jvmOptions, String mainClass, List<String> args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Dfile.encoding=UTF-8");
    jvmOptions.stream().filter(o -> !o.isBlank()).forEach(cmd::add);
    cmd.add("-cp");
    // Surefire runs tests from a manifest-only jar: its own property has the real classpath.
    cmd.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
    cmd.add(mainClass);
    cmd.addAll(args);
    return new ProcessBuilder(cmd);
  }
}
