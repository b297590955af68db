package io.bookpay.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README shows the tour in pieces: every code block marked as an excerpt of {@code docs/tour.sh}
 * must be found there line by line, so what a reader copies is what {@link TourIntegrationTest} ran.
 */
class TourReadmeTest {

  static final String MARK = "<!-- excerpt of docs/tour.sh -->";

  @Test
  void everyMarkedReadmeBlockIsInTheTourScript() throws IOException {
    Set<String> script = Files.readAllLines(TourIntegrationTest.Docs.file("docs/tour.sh")).stream()
        .map(String::strip).collect(Collectors.toSet());
    List<String> readme = Files.readAllLines(TourIntegrationTest.Docs.file("README.md"));

    List<List<String>> blocks = excerpts(readme);
    assertThat(blocks).as("excerpt blocks in the README's API tour").hasSizeGreaterThanOrEqualTo(6);
    for (List<String> block : blocks) {
      for (String line : block) {
        assertThat(script).as("README line not in docs/tour.sh: %s", line).contains(line.strip());
      }
    }
  }

  /** The non-blank lines of each fenced block that follows the mark. */
  private static List<List<String>> excerpts(List<String> readme) {
    List<List<String>> blocks = new ArrayList<>();
    for (int i = 0; i < readme.size(); i++) {
      if (!readme.get(i).strip().equals(MARK)) {
        continue;
      }
      assertThat(readme.get(i + 1)).as("the line after the mark at README line %d opens a block", i + 1).startsWith("```");
      List<String> block = new ArrayList<>();
      int j = i + 2;
      for (; !readme.get(j).startsWith("```"); j++) {
        if (!readme.get(j).isBlank()) {
          block.add(readme.get(j));
        }
      }
      blocks.add(block);
      i = j;
    }
    return blocks;
  }
}
