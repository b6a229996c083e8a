package dev.eventstream.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The README's snippets are compiled code: every line of the quick start's "readme" and "projection" regions, and
 * of the bank example's "bank-readme" region and of the Guice wiring's regions, stands in it.
 */
class ReadmeSnippetTest {

    @ParameterizedTest
    @CsvSource({"QuickStart.java, readme", "QuickStart.java, projection", "bank/BankExample.java, bank-readme",
            "GuiceWiring.java, guice-readme", "GuiceWiring.java, guice-production-readme"})
    void readmeShowsTheExamplesRegionWordForWord(String file, String name) throws IOException {
        // given
        String example = read("examples/src/main/java/dev/eventstream/examples/" + file);
        String region = example.substring(example.indexOf("// region " + name),
                example.indexOf("// endregion " + name));
        List<String> lines = region.lines().skip(1).map(String::trim).filter(line -> !line.isEmpty()).toList();

        // when
        String readme = read("README.md");

        // then
        assertThat(lines).isNotEmpty();
        assertThat(readme.lines().map(String::trim).toList()).containsSubsequence(lines);
    }

    private static String read(String pathFromRoot) throws IOException {
        Path root = Path.of("").toAbsolutePath();
        while (!Files.exists(root.resolve("README.md"))) {
            root = root.getParent();
        }
        return Files.readString(root.resolve(pathFromRoot), StandardCharsets.UTF_8);
    }
}
