package dev.policymatch.selector;

import java.util.ArrayList;
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
 * unary    := "!" unary | primary
 * primary  := "(" orExpr ")" | "has(" key ")" | "all()" | "global()" | key operation
 * operation:= ("==" | "!=" | "contains" | "starts with" | "ends with") string
 *           | ("in" | "not in") "{" (string ("," string)*)? "}"
 * </pre>
 */
final class Parser {
    static final int MAX_KEY_LENGTH = 512;
    /** Deep enough for any real selector, shallow enough never to overflow the stack. */
    static final int MAX_NESTING = 256;

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

    private Node unary() {
        skipWhitespace();
        if (peek() == '!' && peekAt(pos + 1) != '=') {
            enter();
            pos++;
            Node operand = unary();
            depth--;
            return new Node.Not(operand);
        }
        return primary();
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
                if (secondWord("in")) {
                    return new Node.InSet(key, true, set());
                }
                break;
            case "starts":
                if (secondWord("with")) {
                    return new Node.Compare(key, Node.Operator.STARTS_WITH, string());
                }
                break;
            case "ends":
                if (secondWord("with")) {
                    return new Node.Compare(key, Node.Operator.ENDS_WITH, string());
                }
                break;
            default:
                pos = operatorStart;
                throw unexpected(EXPECTED_OPERATOR);
        }
        throw unexpected(EXPECTED_OPERATOR);
    }

    /** The second word of a two-word operator; requires whitespace between the two. */
    private boolean secondWord(String expected) {
        int afterFirst = pos;
        skipWhitespace();
        if (pos > afterFirst && text.startsWith(expected, pos) && !isKeyChar(peekAt(pos + expected.length()))) {
            pos += expected.length();
            return true;
        }
        return false;
    }

    private TreeSet<String> set() {
        skipWhitespace();
        expect("{", "{");
        TreeSet<String> values = new TreeSet<>();
        skipWhitespace();
        if (consume("}")) {
            return values;
        }
        do {
            values.add(string());
            skipWhitespace();
        } while (consume(","));
        expect("}", ", or }");
        return values;
    }

    private String string() {
        skipWhitespace();
        char quote = peek();
        if (quote != '"' && quote != '\'') {
            throw unexpected("a quoted string");
        }
        int end = text.indexOf(quote, pos + 1);
        if (end < 0) {
            throw new SelectorParseException(text, pos + 1, "unterminated string", "closing " + quote);
        }
        String value = text.substring(pos + 1, end);
        pos = end + 1;
        return value;
    }

    private String key() {
        int start = pos;
        String key = word();
        if (key.length() > MAX_KEY_LENGTH) {
            throw new SelectorParseException(text, start + 1,
                    "label key of " + key.length() + " characters", "at most " + MAX_KEY_LENGTH + " characters");
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
            throw new SelectorParseException(text, pos + 1,
                    "more than " + MAX_NESTING + " nested parentheses or negations", null);
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
        return new SelectorParseException(text, pos + 1, "unexpected " + describeAt(pos), expected);
    }

    private String describeAt(int at) {
        if (at >= text.length()) {
            return "end of selector";
        }
        char c = text.charAt(at);
        int end = at + 1;
        if (isKeyChar(c)) {
            while (end < text.length() && isKeyChar(text.charAt(end))) {
                end++;
            }
        } else if (c == '"' || c == '\'') {
            int close = text.indexOf(c, at + 1);
            end = close < 0 ? text.length() : close + 1;
        } else if (end < text.length() && isOperatorPair(c, text.charAt(end))) {
            end++;
        }
        String token = text.substring(at, Math.min(end, at + 40));
        if (c == '\n' || c == '\r') {
            return "line break";
        }
        return (token.indexOf('"') >= 0 ? "'" + token + "'" : '"' + token + '"') + (end > at + 40 ? "..." : "");
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

    static boolean isKeyChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '.' || c == '/' || c == '-';
    }
}
