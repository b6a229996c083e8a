package dev.eventstream.aws.testing.iam;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/iam-policies.md} shows the policy files of {@code docs/iam} as they are: under a heading linking each
 * file, the file's JSON, then a table with a row (a reason) for each of its actions and no other.
 */
class IamPoliciesDocTest {
    private static final Pattern HEADING_LINK = Pattern.compile("^#+ .*\\]\\(iam/([^)]+\\.json)\\)\\s*$");
    private static final Pattern ACTION_ROW = Pattern.compile("^\\| `([^`]+)` \\|.*");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final AdapterPolicies policies = AdapterPolicies.ofThisBuild();
    private final Map<String, Section> sections = sections(policies.directory().resolveSibling("iam-policies.md"));

    /** A policy's part of the page. */
    private record Section(String json, Set<String> actions) {}

    @Test
    void everyPolicyFileHasASectionAndEverySectionAFile() throws IOException {
        try (var files = Files.list(policies.directory())) {
            assertThat(sections.keySet()).containsExactlyInAnyOrderElementsOf(
                    files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".json")).toList());
        }
    }

    @Test
    void eachSectionShowsItsFileAsItIs() throws IOException {
        for (Map.Entry<String, Section> section : sections.entrySet()) {
            Path file = policies.directory().resolve(section.getKey());
            assertThat(MAPPER.readTree(section.getValue().json()))
                    .as("the JSON shown for %s", file)
                    .isEqualTo(MAPPER.readTree(Files.readString(file)));
        }
    }

    @Test
    void eachSectionGivesAReasonForEveryActionOfItsFileAndForNoOther() {
        policies.all().values().stream().flatMap(List::stream).forEach(policy ->
                assertThat(sections.get(policy.name()).actions())
                        .as("the actions explained for %s", policy.name())
                        .containsExactlyInAnyOrderElementsOf(policy.actions()));
    }

    @Test
    void theAdaptersWithRequestsToAwsHavePolicies() {
        assertThat(policies.all()).containsOnlyKeys("dynamodb", "sns", "sqs");
        assertThat(policies.of("dynamodb")).extracting(IamPolicy::name)
                .containsExactly("dynamodb-create-table.json", "dynamodb.json");
    }

    private static Map<String, Section> sections(Path page) {
        List<String> lines;
        try {
            lines = Files.readAllLines(page);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + page, e);
        }
        Map<String, Section> sections = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            Matcher heading = HEADING_LINK.matcher(lines.get(i));
            if (!heading.matches()) {
                continue;
            }
            int start = indexOf(lines, "```json", i) + 1;
            int end = indexOf(lines, "```", start);
            Set<String> actions = new LinkedHashSet<>();
            int row = end + 1;
            while (row < lines.size() && !lines.get(row).startsWith("|") && !lines.get(row).startsWith("#")) {
                row++;
            }
            for (; row < lines.size() && lines.get(row).startsWith("|"); row++) {
                Matcher action = ACTION_ROW.matcher(lines.get(row));
                if (action.matches()) {
                    actions.add(action.group(1));
                }
            }
            sections.put(heading.group(1),
                    new Section(lines.subList(start, end).stream().collect(Collectors.joining("\n")), actions));
        }
        return sections;
    }

    private static int indexOf(List<String> lines, String line, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).equals(line)) {
                return i;
            }
        }
        throw new AssertionError("no line '" + line + "' after line " + from + " of docs/iam-policies.md");
    }
}
