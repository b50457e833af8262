package dev.newsroom.contracts;

/**
 * One incompatible difference between a released event contract and the current one, found by {@link
 * SchemaCompatibility} or {@link ContractEvolution}.
 *
 * @param eventType the {@code ce_type} whose contract broke, e.g. {@code newsroom.comment.posted.v1}
 * @param path where in the event data: a JSON path such as {@code $.labels[*].expiresAt}, or {@code $} for
 *     the whole event
 * @param kind which rule the change breaks
 * @param detail what changed, in words, e.g. {@code no longer accepts null (was [string, null], now string)}
 */
public record BreakingChange(String eventType, String path, Kind kind, String detail) {

    /** The rules of {@code contracts/README.md}, "Evolution"; each names what a consumer would lose. */
    public enum Kind {
        PROPERTY_REMOVED("property removed"),
        NEWLY_REQUIRED("property newly required"),
        TYPE_NARROWED("type narrowed"),
        ENUM_NARROWED("enum narrowed"),
        CONSTRAINT_TIGHTENED("constraint tightened"),
        ADDITIONAL_PROPERTIES_CLOSED("additional properties no longer allowed"),
        EVENT_TYPE_REMOVED("released event type removed"),
        TOPIC_CHANGED("released event type moved to another topic"),
        NOT_CHECKABLE("change the check cannot prove compatible");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        /** A short phrase for messages, e.g. {@code property removed}. */
        public String label() {
            return label;
        }
    }

    /** {@code newsroom.comment.posted.v1 $.status: enum narrowed: lost "held"}. */
    @Override
    public String toString() {
        return eventType + " " + path + ": " + kind.label() + ": " + detail;
    }
}
