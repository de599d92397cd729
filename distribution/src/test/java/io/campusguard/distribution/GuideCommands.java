package io.campusguard.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The shell commands of a guide page: every {@code ```sh} block, in order, with the section it stands under. */
public final class GuideCommands {
  /** One code block: the heading above it (e.g. {@code ### 4.2 The county's certificates}) and its text. */
  public record Block(String section, String text) {}

  private GuideCommands() {}

  public static List<Block> of(Path markdown) throws IOException {
    return blocks(markdown, "sh");
  }

  /** Every fenced block of one language ({@code sh}, {@code text}), in order. */
  public static List<Block> blocks(Path markdown, String language) throws IOException {
    List<Block> blocks = new ArrayList<>();
    String section = "";
    StringBuilder current = null;
    for (String line : Files.readAllLines(markdown)) {
      if (current != null) {
        if (line.startsWith("```")) {
          blocks.add(new Block(section, current.toString()));
          current = null;
        } else {
          current.append(line).append('\n');
        }
      } else if (line.startsWith("#")) {
        section = line;
      } else if (line.equals("```" + language)) {
        current = new StringBuilder();
      }
    }
    if (current != null) {
      throw new IllegalStateException(markdown + ": a ```" + language + " block is not closed");
    }
    return blocks;
  }
}
