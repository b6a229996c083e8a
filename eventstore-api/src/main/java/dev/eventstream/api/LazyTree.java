package dev.eventstream.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A payload held as JSON text, or as a tree, or both: the text is parsed the first time the tree is asked for,
 * and that same tree is returned every time after. Thread-safe.
 */
final class LazyTree {
    private final @Nullable String text;
    private volatile @Nullable JsonNode tree;

    private LazyTree(@Nullable String text, @Nullable JsonNode tree) {
        this.text = text;
        this.tree = tree;
    }

    static LazyTree ofText(String text) {
        return new LazyTree(text, null);
    }

    static LazyTree ofTree(JsonNode tree) {
        return new LazyTree(null, tree);
    }

    /** The tree, parsed from the text with {@code parser} on the first call. */
    JsonNode tree(Function<String, JsonNode> parser) {
        JsonNode parsed = tree;
        if (parsed == null) {
            synchronized (this) {
                parsed = tree;
                if (parsed == null) {
                    parsed = parser.apply(text);
                    tree = parsed;
                }
            }
        }
        return parsed;
    }

    /** The text, or null when this was made from a tree. */
    @Nullable String text() {
        return text;
    }

    /** The text while it has not been parsed; null once it has, or when there is none. */
    @Nullable String unparsedText() {
        return tree == null ? text : null;
    }
}
