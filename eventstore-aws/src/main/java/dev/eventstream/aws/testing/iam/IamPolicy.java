package dev.eventstream.aws.testing.iam;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An IAM policy document as the adapters' policy files hold it: {@code Allow} statements of actions on resources,
 * the resources written with placeholders such as {@code ${AWS::Region}} or {@code ${TableName}} (the
 * CloudFormation {@code Fn::Sub} form). A placeholder stands for any one ARN segment value; {@code *} and {@code ?}
 * are IAM's wildcards. Elements the check could not honour ({@code Deny}, {@code NotAction}, {@code Condition})
 * are refused when the file is read, so no file promises more than is checked.
 */
public final class IamPolicy {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> STATEMENT_KEYS = Set.of("Sid", "Effect", "Action", "Resource");
    private static final Pattern PLACEHOLDER_OR_WILDCARD = Pattern.compile("\\$\\{[^}]+}|\\*|\\?");

    /** One statement: any of its actions on any of its resources. */
    record Statement(String sid, List<String> actions, List<String> resources) {}

    private final String name;
    private final List<Statement> statements;

    private IamPolicy(String name, List<Statement> statements) {
        this.name = name;
        this.statements = List.copyOf(statements);
    }

    /**
     * Reads a policy file.
     *
     * @throws IllegalArgumentException when the file is not a policy document of the supported form
     */
    public static IamPolicy read(Path file) {
        requireNonNull(file, "file is null");
        try {
            return parse(file.getFileName().toString(), Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read IAM policy " + file, e);
        }
    }

    /**
     * Parses a policy document.
     *
     * @param name how messages name the policy, e.g. its file name
     * @throws IllegalArgumentException when {@code json} is not a policy document of the supported form
     */
    public static IamPolicy parse(String name, String json) {
        JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException(name + " is not valid JSON: " + e.getMessage(), e);
        }
        require(root != null && "2012-10-17".equals(root.path("Version").asText()),
                name + " must be a policy document with \"Version\": \"2012-10-17\"");
        JsonNode statementNodes = root.path("Statement");
        require(statementNodes.isArray() && !statementNodes.isEmpty(), name + " must have a Statement array");
        List<Statement> statements = new ArrayList<>();
        for (JsonNode node : statementNodes) {
            String sid = node.path("Sid").asText("");
            String where = name + " statement " + (sid.isEmpty() ? "#" + (statements.size() + 1) : sid);
            for (Iterator<String> keys = node.fieldNames(); keys.hasNext(); ) {
                String key = keys.next();
                require(STATEMENT_KEYS.contains(key), where + " has " + key + ", which the check does not evaluate;"
                        + " use only " + STATEMENT_KEYS);
            }
            require("Allow".equals(node.path("Effect").asText()), where + " must have \"Effect\": \"Allow\"");
            statements.add(new Statement(sid, strings(node.path("Action"), where + " Action"),
                    strings(node.path("Resource"), where + " Resource")));
        }
        return new IamPolicy(name, statements);
    }

    /** How messages name this policy (its file name). */
    public String name() {
        return name;
    }

    /** Every action the policy names, in the order written. */
    public Set<String> actions() {
        Set<String> actions = new LinkedHashSet<>();
        statements.forEach(statement -> actions.addAll(statement.actions()));
        return actions;
    }

    List<Statement> statements() {
        return statements;
    }

    /** Whether a statement allows {@code permission}; see {@link #allowing}. */
    public boolean allows(Permission permission) {
        return allowing(permission).isPresent();
    }

    /**
     * The resource pattern of the first statement that allows {@code permission}: one naming its action (IAM
     * compares actions ignoring case) and a resource pattern matching its resource. A permission with no resource
     * needs only the action.
     */
    public Optional<String> allowing(Permission permission) {
        requireNonNull(permission, "permission is null");
        for (Statement statement : statements) {
            if (statement.actions().stream().noneMatch(action -> matches(action, permission.action(), true))) {
                continue;
            }
            if (permission.resource() == null) {
                return Optional.of(String.join(", ", statement.resources()));
            }
            for (String resource : statement.resources()) {
                if (matches(resource, permission.resource(), false)) {
                    return Optional.of(resource);
                }
            }
        }
        return Optional.empty();
    }

    static boolean matches(String pattern, String value, boolean ignoreCase) {
        StringBuilder regex = new StringBuilder();
        Matcher matcher = PLACEHOLDER_OR_WILDCARD.matcher(pattern);
        int last = 0;
        while (matcher.find()) {
            regex.append(Pattern.quote(pattern.substring(last, matcher.start())));
            String token = matcher.group();
            regex.append(token.equals("*") ? ".*" : token.equals("?") ? "." : "[^:/]+");
            last = matcher.end();
        }
        regex.append(Pattern.quote(pattern.substring(last)));
        int flags = ignoreCase ? Pattern.CASE_INSENSITIVE : 0;
        return Pattern.compile(regex.toString(), flags).matcher(value).matches();
    }

    private static List<String> strings(JsonNode node, String what) {
        List<String> values = new ArrayList<>();
        if (node.isTextual()) {
            values.add(node.asText());
        } else if (node.isArray()) {
            node.forEach(value -> {
                require(value.isTextual(), what + " must hold strings only");
                values.add(value.asText());
            });
        }
        require(!values.isEmpty(), what + " must be a string or a non-empty array of strings");
        return values;
    }

    private static void require(boolean condition, String message) {
        if (!condition) {
            throw new IllegalArgumentException(message);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
