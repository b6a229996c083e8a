package dev.eventstream.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** docs/spring-boot.md lists every property the starter binds, and no other. */
class SpringBootDocTest {
    private static final Pattern DOC_ROW = Pattern.compile("^\\| `(eventstream\\.[a-z.-]+)` \\|", Pattern.MULTILINE);
    private static final Pattern METADATA_NAME =
            Pattern.compile("\"name\"\\s*:\\s*\"(eventstream\\.[a-z-]+\\.[a-z-]+)\"");

    @Test
    void thePropertiesTableNamesEveryBoundProperty() throws IOException {
        String doc = Files.readString(Path.of("..", "docs", "spring-boot.md"), StandardCharsets.UTF_8);
        String metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("the configuration processor's metadata").isNotNull();
            metadata = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(all(DOC_ROW.matcher(doc))).isEqualTo(all(METADATA_NAME.matcher(metadata))).hasSize(23);
    }

    private static Set<String> all(Matcher matcher) {
        return matcher.results().map(result -> result.group(1)).collect(Collectors.toCollection(TreeSet::new));
    }
}
