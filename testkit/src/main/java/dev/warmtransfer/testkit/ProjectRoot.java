package dev.warmtransfer.testkit;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the checkout's root (the folder holding the {@code warm-transfer} launcher). */
public final class ProjectRoot {
  private ProjectRoot() {}

  public static Path find() {
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve("warm-transfer"))) {
        return p;
      }
    }
    throw new IllegalStateException("no warm-transfer launcher above " + dir);
  }
}
