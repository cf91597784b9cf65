package dev.policymatch.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * No input makes the parser throw anything but {@link SelectorParseException}, overflow the stack
 * or hang. The timeouts are hang guards only, far above the time these inputs take.
 */
class SelectorFuzzTest {
    private static final Duration HANG_GUARD = Duration.ofSeconds(60);
    private static final List<String> TOKENS = List.of("a", "b", "k8s-app", "has(", "has", "all(", "all", "global(",
            "(", ")", "!", "&&", "||", "==", "!=", " in ", " not ", "in", "not", " contains ", " starts ", " with ",
            " ends ", "{", "}", ",", "\"x\"", "'y'", "\"", "'", " ", "\t", "\n", "\r", "=", "&", "|", "\u0000",
            "\u00a0", "é", "\uD83D\uDE00", "\uD83D", "\uDE00", "\uFFFF", "/", ".", "-", "_", "%", "\\");

    @Test
    void randomTokenSoupNeverThrowsAnythingElse() {
        Random random = new Random(42);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int i = 0; i < 20_000; i++) {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(30);
                for (int j = 0; j < length; j++) {
                    text.append(TOKENS.get(random.nextInt(TOKENS.size())));
                }
                check(text.toString(), random);
            }
        });
    }

    @Test
    void randomCharactersNeverThrowAnythingElse() {
        Random random = new Random(7);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int i = 0; i < 20_000; i++) {
                StringBuilder text = new StringBuilder();
                int length = random.nextInt(40);
                for (int j = 0; j < length; j++) {
                    switch (random.nextInt(4)) {
                        case 0 -> text.append((char) random.nextInt(0x80));
                        case 1 -> text.append((char) random.nextInt(0x20));
                        case 2 -> text.append((char) random.nextInt(Character.MAX_VALUE + 1));
                        default -> text.appendCodePoint(random.nextInt(Character.MAX_CODE_POINT + 1));
                    }
                }
                check(text.toString(), random);
            }
        });
    }

    @Test
    void mutatedValidSelectorsNeverThrowAnythingElse() {
        Random random = new Random(99);
        RandomSelectors generator = new RandomSelectors(random);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            int rejected = 0;
            for (int i = 0; i < 10_000; i++) {
                StringBuilder text = new StringBuilder(generator.print(generator.expression(3)));
                int mutations = 1 + random.nextInt(3);
                for (int m = 0; m < mutations && text.length() > 0; m++) {
                    int at = random.nextInt(text.length());
                    switch (random.nextInt(3)) {
                        case 0 -> text.deleteCharAt(at);
                        case 1 -> text.insert(at, TOKENS.get(random.nextInt(TOKENS.size())));
                        default -> text.setCharAt(at, (char) random.nextInt(0x80));
                    }
                }
                rejected += check(text.toString(), random) ? 0 : 1;
            }
            assertThat(rejected).as("mutations that broke the selector").isGreaterThan(1_000);
        });
    }

    @Test
    void hugeInputsNeverOverflowOrHang() {
        Random random = new Random(5);
        List<String> inputs = new ArrayList<>(List.of(
                "(".repeat(100_000),
                ")".repeat(100_000),
                "!".repeat(100_000),
                "!".repeat(100_000) + "has(a)",
                "!(".repeat(50_000),
                "!(".repeat(50_000) + "has(a)" + ")".repeat(50_000),
                "a".repeat(100_000),
                "has(" + "a".repeat(100_000) + ")",
                "a == \"" + "x".repeat(100_000),
                "a == \"" + "x".repeat(100_000) + "\"",
                "a in {" + "\"x\",".repeat(20_000) + "}",
                "a in {" + "\"x\",".repeat(20_000),
                " ".repeat(100_000),
                "\t".repeat(100_000) + "x",
                "has(a) && ".repeat(10_000),
                "has(a) || ".repeat(10_000) + "has(b)",
                "(".repeat(256) + "has(a)" + ")".repeat(256),
                "(".repeat(256) + "has(a)" + ")".repeat(255),
                "\uD83D\uDE00".repeat(50_000)));
        inputs.add(tenThousandCharacterSelector(random));
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (String input : inputs) {
                check(input, random);
            }
        });
    }

    @Test
    void tenThousandCharacterSelectorsParseAndEvaluate() {
        Random random = new Random(11);
        assertTimeoutPreemptively(HANG_GUARD, () -> {
            for (int i = 0; i < 50; i++) {
                String text = tenThousandCharacterSelector(random);
                assertThat(text.length()).isGreaterThanOrEqualTo(10_000);
                Selector selector = Selector.parse(text);
                assertThat(Selector.parse(selector.toString())).isEqualTo(selector);
                StringBuilder mutated = new StringBuilder(text);
                mutated.setCharAt(random.nextInt(text.length()), (char) random.nextInt(0x80));
                check(mutated.toString(), random);
            }
        });
    }

    /** A valid selector of at least 10,000 characters: many clauses under one || of && groups. */
    private static String tenThousandCharacterSelector(Random random) {
        RandomSelectors generator = new RandomSelectors(random);
        StringBuilder text = new StringBuilder();
        while (text.length() < 10_000) {
            if (text.length() > 0) {
                text.append(random.nextBoolean() ? " && " : " || ");
            }
            text.append('(').append(generator.print(generator.expression(2))).append(')');
        }
        return text.toString();
    }

    /** Parses; on success checks the result is usable, on failure checks the error. True if it parsed. */
    private static boolean check(String text, Random random) {
        Selector selector;
        try {
            selector = Selector.parse(text);
        } catch (SelectorParseException error) {
            assertThat(error.selector()).isSameAs(text);
            assertThat(error.column()).isBetween(1, text.codePointCount(0, text.length()) + 1);
            assertThat(error.getMessage()).startsWith(error.problem() + " at column " + error.column() + " in selector ");
            return false;
        } catch (RuntimeException | StackOverflowError other) {
            fail("selector %s threw %s", abbreviate(text), other);
            return false;
        }
        assertThat(Selector.parse(selector.toString())).isEqualTo(selector);
        selector.matches(Map.of("a", "x", "k8s-app", String.valueOf(random.nextInt(3))));
        selector.labelRestrictions();
        return true;
    }

    private static String abbreviate(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "... (" + text.length() + " characters)";
    }
}
