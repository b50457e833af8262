package dev.newsroom.web;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;

/**
 * Just enough of a JavaScript tokenizer for the checks in this module (there is no Node on the build
 * machine and no JavaScript engine in a JDK 17): words, punctuation, string, template and regular
 * expression literals, with comments skipped. It fails, naming the file and line, on what would be a
 * syntax error in the browser and is easy to make by hand: a string, template, comment or regular
 * expression left open, and brackets that do not pair up. It is not a parser: it does not know the
 * grammar beyond that.
 */
final class JsTokens {

    enum Kind {
        WORD,
        PUNCT,
        STRING,
        TEMPLATE,
        REGEX
    }

    /**
     * One token. {@code text} is a word or punctuation as written, the raw content of a string or a
     * regular expression without its delimiters, or a template's raw text with each {@code ${…}}
     * written as {@code ${}}. {@code depth} is the number of brackets open around it (0: the
     * module's top level).
     */
    static final class Token {
        final Kind kind;
        final int line;
        final int depth;
        private final StringBuilder text = new StringBuilder();

        Token(Kind kind, int line, int depth, String text) {
            this.kind = kind;
            this.line = line;
            this.depth = depth;
            this.text.append(text);
        }

        String text() {
            return text.toString();
        }

        boolean is(String word) {
            return (kind == Kind.WORD || kind == Kind.PUNCT) && text.toString().equals(word);
        }

        boolean isLiteral() {
            return kind == Kind.STRING || kind == Kind.TEMPLATE;
        }

        @Override
        public String toString() {
            return kind + "(" + text + ")@" + line;
        }
    }

    /** What a browser would report as a SyntaxError, found before any browser runs the file. */
    static final class SyntaxError extends RuntimeException {
        SyntaxError(String file, int line, String message) {
            super(file + ":" + line + ": " + message);
        }
    }

    /** Words after which a {@code /} starts a regular expression rather than dividing. */
    private static final Set<String> BEFORE_EXPRESSION = Set.of(
            "return",
            "typeof",
            "instanceof",
            "in",
            "of",
            "new",
            "delete",
            "void",
            "throw",
            "case",
            "do",
            "else",
            "yield",
            "await");

    private record Open(char bracket, int line, Token template) {}

    private final String file;
    private final String source;
    private final List<Token> tokens = new ArrayList<>();
    private final Deque<Open> open = new ArrayDeque<>();
    private int at;
    private int line = 1;
    private Token last;

    private JsTokens(String file, String source) {
        this.file = file;
        this.source = source;
    }

    static List<Token> of(String file, String source) {
        JsTokens tokenizer = new JsTokens(file, source);
        tokenizer.run();
        return List.copyOf(tokenizer.tokens);
    }

    private void run() {
        while (at < source.length()) {
            char c = source.charAt(at);
            char next = at + 1 < source.length() ? source.charAt(at + 1) : '\0';
            if (c == '\n') {
                line++;
                at++;
            } else if (Character.isWhitespace(c)) {
                at++;
            } else if (c == '/' && next == '/') {
                int end = source.indexOf('\n', at);
                at = end < 0 ? source.length() : end;
            } else if (c == '/' && next == '*') {
                int end = source.indexOf("*/", at + 2);
                if (end < 0) {
                    throw new SyntaxError(file, line, "comment never closed");
                }
                line += count(source.substring(at, end), '\n');
                at = end + 2;
            } else if (c == '\'' || c == '"') {
                string(c);
            } else if (c == '`') {
                Token template = add(Kind.TEMPLATE, "");
                at++;
                template(template);
            } else if (c == '}' && !open.isEmpty() && open.peek().template() != null) {
                Token template = open.pop().template();
                at++;
                template(template);
            } else if (c == '/' && regexMayStart()) {
                regex();
            } else if (isWordPart(c)) {
                int start = at;
                while (at < source.length() && isWordPart(source.charAt(at))) {
                    at++;
                }
                add(Kind.WORD, source.substring(start, at));
            } else if (source.startsWith("...", at) || source.startsWith("?.", at) && !isDigit(at + 2)) {
                String punct = source.substring(at, at + (c == '.' ? 3 : 2));
                add(Kind.PUNCT, punct);
                at += punct.length();
            } else if (c == '(' || c == '[' || c == '{') {
                add(Kind.PUNCT, String.valueOf(c));
                open.push(new Open(c, line, null));
                at++;
            } else if (c == ')' || c == ']' || c == '}') {
                close(c);
            } else {
                add(Kind.PUNCT, String.valueOf(c));
                at++;
            }
        }
        if (!open.isEmpty()) {
            Open unclosed = open.peek();
            throw new SyntaxError(
                    file,
                    unclosed.line(),
                    unclosed.template() != null
                            ? "template literal never closed"
                            : "'" + unclosed.bracket() + "' never closed");
        }
    }

    private void close(char c) {
        char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
        if (open.isEmpty()) {
            throw new SyntaxError(file, line, "'" + c + "' closes nothing");
        }
        Open innermost = open.pop();
        if (innermost.bracket() != expected || innermost.template() != null) {
            throw new SyntaxError(
                    file,
                    line,
                    "'" + c + "' closes the '" + (innermost.template() != null ? "${" : innermost.bracket())
                            + "' opened on line " + innermost.line());
        }
        add(Kind.PUNCT, String.valueOf(c));
        at++;
    }

    private void string(char quote) {
        int startLine = line;
        StringBuilder text = new StringBuilder();
        at++;
        while (true) {
            if (at >= source.length() || source.charAt(at) == '\n') {
                throw new SyntaxError(file, startLine, "string never closed");
            }
            char c = source.charAt(at);
            if (c == quote) {
                at++;
                break;
            }
            if (c == '\\' && at + 1 < source.length()) {
                if (source.charAt(at + 1) == '\n') {
                    line++;
                }
                text.append(c).append(source.charAt(at + 1));
                at += 2;
            } else {
                text.append(c);
                at++;
            }
        }
        Token token = new Token(Kind.STRING, startLine, open.size(), text.toString());
        tokens.add(token);
        last = token;
    }

    /** Reads template text up to its closing backtick, or up to a {@code ${}, whose code follows. */
    private void template(Token template) {
        while (true) {
            if (at >= source.length()) {
                throw new SyntaxError(file, template.line, "template literal never closed");
            }
            char c = source.charAt(at);
            if (c == '`') {
                at++;
                last = template;
                return;
            }
            if (c == '\\' && at + 1 < source.length()) {
                template.text.append(c).append(source.charAt(at + 1));
                at += 2;
                continue;
            }
            if (c == '$' && at + 1 < source.length() && source.charAt(at + 1) == '{') {
                template.text.append("${}");
                open.push(new Open('{', line, template));
                at += 2;
                last = null;
                return;
            }
            if (c == '\n') {
                line++;
            }
            template.text.append(c);
            at++;
        }
    }

    private void regex() {
        int start = ++at;
        boolean inClass = false;
        while (true) {
            if (at >= source.length() || source.charAt(at) == '\n') {
                throw new SyntaxError(file, line, "regular expression never closed");
            }
            char c = source.charAt(at);
            if (c == '\\') {
                at += 2;
                continue;
            }
            if (c == '[') {
                inClass = true;
            } else if (c == ']') {
                inClass = false;
            } else if (c == '/' && !inClass) {
                break;
            }
            at++;
        }
        String body = source.substring(start, at);
        at++;
        while (at < source.length() && isWordPart(source.charAt(at))) {
            at++;
        }
        add(Kind.REGEX, body);
    }

    /** After an operand a slash divides; elsewhere it starts a regular expression. */
    private boolean regexMayStart() {
        if (last == null) {
            return true;
        }
        return switch (last.kind) {
            case PUNCT -> !last.is(")") && !last.is("]") && !last.is("}");
            case WORD -> BEFORE_EXPRESSION.contains(last.text());
            default -> false;
        };
    }

    private Token add(Kind kind, String text) {
        Token token = new Token(kind, line, open.size(), text);
        tokens.add(token);
        last = token;
        return token;
    }

    private boolean isDigit(int index) {
        return index < source.length() && Character.isDigit(source.charAt(index));
    }

    private static boolean isWordPart(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$';
    }

    private static int count(String text, char c) {
        return (int) text.chars().filter(ch -> ch == c).count();
    }
}
