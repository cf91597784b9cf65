package dev.policymatch.diff;

/**
 * An effective label that differs.
 *
 * @param base null when added
 * @param head null when removed
 */
public record LabelChange(Kind kind, String key, String base, String head) {
    public enum Kind { ADDED, REMOVED, CHANGED }
}
