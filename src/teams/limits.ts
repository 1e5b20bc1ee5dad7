/**
 * Teams' limits, in one place: what a message, a card and a thread can carry. Values are ours, chosen under the
 * limits Microsoft documents (a message above roughly 28 KB is refused with 413 MessageSizeTooBig).
 */

/**
 * Largest card we send, in bytes of UTF-8 JSON. Teams refuses messages above roughly 28 KB (413
 * MessageSizeTooBig); the activity around the card (ids, conversation, channel data) needs about 1 KB of that.
 */
export const MAX_CARD_BYTES = 26_000;

/** Most bytes of text in one message: well below Teams' limit, with room for the activity around it. */
export const MAX_TEXT_BYTES = 24_000;
