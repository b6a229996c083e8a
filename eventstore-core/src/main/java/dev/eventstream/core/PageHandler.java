package dev.eventstream.core;

import dev.eventstream.api.FeedEntry;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What one of the store's own groups does with a whole page of feed entries at once (the notifications group
 * publishes a page's events stream by stream, in batches), instead of handing entries to a subscriber one by one.
 */
interface PageHandler {

    /**
     * Handles every entry of {@code entries}, retrying what fails for as long as {@code proceed} holds.
     *
     * @param entries the page's entries the group's filter kept, in position order, never empty
     * @param proceed false once the group must stop (closing, or its lease lost)
     * @return true when every entry is handled; false when it stopped first, in which case none of the page counts
     *     as handled and the page is handled again, by this instance or the next holder
     */
    boolean handle(List<FeedEntry> entries, BooleanSupplier proceed);
}
