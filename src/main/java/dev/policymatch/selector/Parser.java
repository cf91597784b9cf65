package dev.policymatch.selector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeSet;

/**
 * Recursive-descent parser for Calico's selector language. Lexing is done on demand by the parser
 * because whether a word is a label key or an operator depends on where it stands: {@code in == "x"}
 * compares the label {@code in}, as in Calico.
 *
 * <pre>
 * selector := orExpr? EOF                      (blank means all())
 * orExpr   := andExpr ("||" andExpr)*
 * andExpr  := unary ("&&" unary)*
 * unary    := "!"* primary                    (an odd number of "!" negates, as in Calico)
 * primary  := "(" orExpr ")" | "has(" key ")" | "all()" | "global()" | key operation
 * operation:= ("==" | "!=" | "contains" | "starts with" | "ends with") string
 *           | ("in" | "not in") "{" (string ("," string)* ","?)? "}"
 * </pre>
 */
final class Parser {
    static final int MAX_KEY_LENGTH = 512;
    /** Deep enough for any real selector, shallow enough never to overflow the stack. */
    static final int MAX_NESTING = 256;

    /**
     * Set values in the order Go's sort gives Calico's string sets: byte order of UTF-8, which is
     * code point order. {@code String.compareTo} compares UTF-16 units, which puts characters above
     * U+FFFF (surrogate pairs) before U+E000..U+FFFF.
     */
    static final Comparator<String> CODE_POINT_ORDER = Parser::compareCodePoints;

    private static final String EXPECTED_OPERAND = "a label key, has(...), all(), global(), ! or (";
    private static final String EXPECTED_OPERATOR = "==, !=, in, not in, contains, starts with or ends with";

    private final String text;
    private int pos;
    private int depth;

    private Parser(String text) {
        this.text = text;
    }

    static Node parse(String text) {
        Parser parser = new Parser(text);
        parser.skipWhitespace();
        if (parser.atEnd()) {
            return new Node.All();
        }
        Node root = parser.orExpression();
        parser.skipWhitespace();
        if (!parser.atEnd()) {
            throw parser.unexpected("&&, || or the end of the selector");
        }
        return root;
    }

    private Node orExpression() {
        List<Node> operands = new ArrayList<>();
        operands.add(andExpression());
        while (skipWhitespaceAndConsume("||")) {
            operands.add(andExpression());
        }
        return operands.size() == 1 ? operands.get(0) : new Node.Or(operands);
    }

    private Node andExpression() {
        List<Node> operands = new ArrayList<>();
        operands.add(unary());
        while (skipWhitespaceAndConsume("&&")) {
            operands.add(unary());
        }
        return operands.size() == 1 ? operands.get(0) : new Node.And(operands);
    }

    /**
     * Calico folds a run of leading "!" into one flag (its parser toggles a boolean), so
     * {@code !!has(a)} is {@code has(a)}. Folding also means a long run of "!" costs no stack.
     */
    private Node unary() {
        boolean negated = false;
        skipWhitespace();
        while (peek() == '!' && peekAt(pos + 1) != '=') {
            negated = !negated;
            pos++;
            skipWhitespace();
        }
        Node operand = primary();
        if (!negated) {
            return operand;
        }
        // Calico would print !(!x) as "!!x", which parses back as x; dropping the double negation
        // keeps the canonical form stable under re-parsing, as the issue requires.
        return operand instanceof Node.Not not ? not.operand() : new Node.Not(operand);
    }

    private Node primary() {
        skipWhitespace();
        if (peek() == '(') {
            enter();
            pos++;
            Node inner = orExpression();
            skipWhitespace();
            expect(")", "&&, || or )");
            depth--;
            return inner;
        }
        if (!isKeyChar(peek())) {
            throw unexpected(EXPECTED_OPERAND);
        }
        int start = pos;
        String word = key();
        if (peek() == '(') {
            return function(word, start);
        }
        return operation(word);
    }

    /** {@code has(key)}, {@code all()} and {@code global()}: the name is followed directly by "(". */
    private Node function(String name, int start) {
        switch (name) {
            case "has" -> {
                pos++;
                skipWhitespace();
                if (!isKeyChar(peek())) {
                    throw unexpected("a label key");
                }
                String key = key();
                skipWhitespace();
                expect(")", ")");
                return new Node.Has(key);
            }
            case "all", "global" -> {
                pos++;
                skipWhitespace();
                expect(")", ")");
                return name.equals("all") ? new Node.All() : new Node.Global();
            }
            default -> {
                pos = start + name.length();
                throw unexpected(EXPECTED_OPERATOR);
            }
        }
    }

    private Node operation(String key) {
        skipWhitespace();
        if (consume("==")) {
            return new Node.Compare(key, Node.Operator.EQUAL, string());
        }
        if (consume("!=")) {
            return new Node.Compare(key, Node.Operator.NOT_EQUAL, string());
        }
        int operatorStart = pos;
        String word = isKeyChar(peek()) ? word() : "";
        switch (word) {
            case "in":
                return new Node.InSet(key, false, set());
            case "contains":
                return new Node.Compare(key, Node.Operator.CONTAINS, string());
            case "not":
                secondWord("in");
                return new Node.InSet(key, true, set());
            case "notin":
                return new Node.InSet(key, true, set());
            case "starts":
                secondWord("with");
                return new Node.Compare(key, Node.Operator.STARTS_WITH, string());
            case "startswith":
                return new Node.Compare(key, Node.Operator.STARTS_WITH, string());
            case "ends":
                secondWord("with");
                return new Node.Compare(key, Node.Operator.ENDS_WITH, string());
            case "endswith":
                return new Node.Compare(key, Node.Operator.ENDS_WITH, string());
            default:
                pos = operatorStart;
                throw unexpected(EXPECTED_OPERATOR);
        }
    }

    /**
     * The second word of a two-word operator, after at least one space or tab. Calico's tokenizer
     * also accepts the words run together ({@code notin}, {@code startswith}, {@code endswith}), so
     * a policy Calico accepted parses here too; they print as two words.
     */
    private void secondWord(String expected) {
        int afterFirst = pos;
        skipWhitespace();
        if (pos > afterFirst && text.startsWith(expected, pos) && !isKeyChar(peekAt(pos + expected.length()))) {
            pos += expected.length();
            return;
        }
        throw unexpected(expected);
    }

    /** Calico accepts a trailing comma ({@code {"a",}}) but not an empty item ({@code {,}}). */
    private TreeSet<String> set() {
        skipWhitespace();
        expect("{", "{");
        TreeSet<String> values = new TreeSet<>(CODE_POINT_ORDER);
        skipWhitespace();
        while (!consume("}")) {
            values.add(string("a quoted string or }"));
            skipWhitespace();
            if (!consume(",") && peek() != '}') {
                throw unexpected(", or }");
            }
            skipWhitespace();
        }
        return values;
    }

    private String string() {
        return string("a quoted string");
    }

    private String string(String expected) {
        skipWhitespace();
        char quote = peek();
        if (quote != '"' && quote != '\'') {
            throw unexpected(expected);
        }
        int end = text.indexOf(quote, pos + 1);
        if (end < 0) {
            throw error(pos, "unterminated string", "closing " + quote);
        }
        String value = text.substring(pos + 1, end);
        pos = end + 1;
        return value;
    }

    private String key() {
        int start = pos;
        String key = word();
        if (key.length() > MAX_KEY_LENGTH) {
            throw error(start, "label key of " + key.length() + " characters", "at most " + MAX_KEY_LENGTH + " characters");
        }
        return key;
    }

    private String word() {
        int start = pos;
        while (isKeyChar(peek())) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private void enter() {
        if (++depth > MAX_NESTING) {
            throw error(pos, "more than " + MAX_NESTING + " nested parentheses", null);
        }
    }

    private void expect(String token, String expected) {
        if (!consume(token)) {
            throw unexpected(expected);
        }
    }

    private boolean skipWhitespaceAndConsume(String token) {
        skipWhitespace();
        return consume(token);
    }

    private boolean consume(String token) {
        if (text.startsWith(token, pos)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    /** Calico's tokenizer treats only space and tab as whitespace. */
    private void skipWhitespace() {
        while (peek() == ' ' || peek() == '\t') {
            pos++;
        }
    }

    private SelectorParseException unexpected(String expected) {
        return error(pos, "unexpected " + describeAt(pos), expected);
    }

    /** Columns count characters as a reader sees them (code points), from 1. */
    private SelectorParseException error(int at, String problem, String expected) {
        return new SelectorParseException(text, text.codePointCount(0, at) + 1, problem, expected);
    }

    /** The token at {@code at} as the error message names it: a word, a quoted string, an operator. */
    private String describeAt(int at) {
        if (at >= text.length()) {
            return "end of selector";
        }
        int c = text.codePointAt(at);
        if (c == '\n' || c == '\r') {
            return "line break";
        }
        if (Character.isISOControl(c) || Character.isWhitespace(c) || Character.isSpaceChar(c)) {
            return String.format("character U+%04X", c);
        }
        int end = at + Character.charCount(c);
        if (c < 0x80 && isKeyChar((char) c)) {
            while (end < text.length() && isKeyChar(text.charAt(end))) {
                end++;
            }
        } else if (c == '"' || c == '\'') {
            int close = text.indexOf(c, at + 1);
            end = close < 0 ? text.length() : close + 1;
        } else if (c < 0x80 && end < text.length() && isOperatorPair((char) c, text.charAt(end))) {
            end++;
        }
        int cut = text.codePointCount(at, end) > 40 ? text.offsetByCodePoints(at, 40) : end;
        String token = text.substring(at, cut);
        return (token.indexOf('"') >= 0 ? "'" + token + "'" : '"' + token + '"') + (cut < end ? "..." : "");
    }

    private static boolean isOperatorPair(char first, char second) {
        return (first == '=' && second == '=') || (first == '!' && second == '=')
                || (first == '&' && second == '&') || (first == '|' && second == '|');
    }

    private boolean atEnd() {
        return pos >= text.length();
    }

    private char peek() {
        return peekAt(pos);
    }

    private char peekAt(int index) {
        return index < text.length() ? text.charAt(index) : '\0';
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0;
        int j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i);
            int cb = b.codePointAt(j);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == '/' || c == '-';
    }
}
