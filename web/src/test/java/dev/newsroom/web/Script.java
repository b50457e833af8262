package dev.newsroom.web;

import dev.newsroom.web.JsTokens.Kind;
import dev.newsroom.web.JsTokens.Token;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One ES module of the front end, read from its tokens: what it imports from where, what it exports,
 * which names it binds at its top level, and what it reads from the modules it imports as a
 * namespace ({@code import * as api}). A statement it cannot read is kept in {@link #unreadable}, so
 * the tests fail on it instead of checking less than they say.
 */
final class Script {

    /** {@code import … from 'specifier'}, {@code export … from}, {@code import('specifier')}. */
    record Import(String specifier, int line, List<String> names, String namespace, boolean dynamic) {}

    /** {@code api.get} where {@code api} is a namespace import. */
    record MemberUse(String namespace, String member, int line) {}

    /** A name bound at the module's top level: by an import or a declaration. */
    record Binding(String name, String how, int line) {}

    final String path;
    final List<Token> tokens;
    final List<Import> imports = new ArrayList<>();
    final Set<String> exports = new LinkedHashSet<>();
    /** {@code export * from}: everything these export (but {@code default}) is exported too. */
    final List<Import> exportsAllOf = new ArrayList<>();

    final List<Binding> bindings = new ArrayList<>();
    final List<MemberUse> memberUses = new ArrayList<>();
    final List<String> unreadable = new ArrayList<>();

    /** @param path the file's URL path from the site's root, such as {@code /js/api.js} */
    Script(String path, String source) {
        this.path = path;
        this.tokens = JsTokens.of(path, source);
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.is("import") && !after(i, ".")) {
                if (at(i + 1, "(")) {
                    dynamicImport(i);
                } else if (token.depth == 0 && !at(i + 1, ".")) {
                    staticImport(i);
                }
            } else if (token.is("export") && token.depth == 0) {
                export(i);
            } else if (token.depth == 0 && token.kind == Kind.WORD) {
                declaration(i);
            }
        }
        Set<String> namespaces = new LinkedHashSet<>();
        imports.stream().map(Import::namespace).filter(n -> n != null).forEach(namespaces::add);
        for (int i = 0; i + 2 < tokens.size(); i++) {
            Token token = tokens.get(i);
            if (token.kind == Kind.WORD
                    && namespaces.contains(token.text())
                    && !after(i, ".")
                    && !after(i, "?.")
                    && !after(i, "...")
                    && at(i + 1, ".")
                    && tokens.get(i + 2).kind == Kind.WORD) {
                memberUses.add(new MemberUse(token.text(), tokens.get(i + 2).text(), token.line));
            }
        }
    }

    /** True when the module has top-level {@code import} or {@code export}, so only works as a module. */
    boolean isModule() {
        return !imports.stream().allMatch(Import::dynamic) || !exports.isEmpty() || !exportsAllOf.isEmpty();
    }

    private void dynamicImport(int i) {
        Token specifier = token(i + 2);
        if (specifier != null && specifier.kind == Kind.STRING && at(i + 3, ")")) {
            imports.add(new Import(specifier.text(), specifier.line, List.of(), null, true));
        } else {
            unreadable.add(path + ":" + tokens.get(i).line + ": import() of a computed specifier, which the"
                    + " checks here cannot follow");
        }
    }

    private void staticImport(int i) {
        int line = tokens.get(i).line;
        int j = i + 1;
        if (kind(j) == Kind.STRING) {
            imports.add(new Import(tokens.get(j).text(), line, List.of(), null, false));
            return;
        }
        List<String> names = new ArrayList<>();
        String namespace = null;
        if (kind(j) == Kind.WORD && !at(j, "from")) {
            names.add("default");
            bind(tokens.get(j).text(), "import", line);
            j++;
            if (at(j, ",")) {
                j++;
            }
        }
        if (at(j, "*") && at(j + 1, "as") && kind(j + 2) == Kind.WORD) {
            namespace = tokens.get(j + 2).text();
            bind(namespace, "import", line);
            j += 3;
        } else if (at(j, "{")) {
            j = list(j, names, true, line);
        }
        if (j < 0 || !at(j, "from") || kind(j + 1) != Kind.STRING) {
            unreadable.add(path + ":" + line + ": an import statement these checks cannot read");
            return;
        }
        imports.add(new Import(tokens.get(j + 1).text(), line, List.copyOf(names), namespace, false));
    }

    private void export(int i) {
        int line = tokens.get(i).line;
        int j = i + 1;
        if (at(j, "default")) {
            exports.add("default");
            return;
        }
        if (at(j, "async")) {
            j++;
        }
        if (at(j, "function") || at(j, "class") || at(j, "const") || at(j, "let") || at(j, "var")) {
            int name = at(j + 1, "*") ? j + 2 : j + 1;
            if (kind(name) == Kind.WORD) {
                // Only the first name of `export const a = 1, b = 2`: an import of b then fails loudly.
                exports.add(tokens.get(name).text());
                return;
            }
        } else if (at(j, "{")) {
            List<String> names = new ArrayList<>();
            j = list(j, names, false, line);
            if (j >= 0 && at(j, "from") && kind(j + 1) == Kind.STRING) {
                List<String> imported = new ArrayList<>();
                list(i + 1, imported, false, line, true);
                imports.add(new Import(tokens.get(j + 1).text(), line, List.copyOf(imported), null, false));
            }
            if (j >= 0) {
                exports.addAll(names);
                return;
            }
        } else if (at(j, "*")) {
            if (at(j + 1, "from") && kind(j + 2) == Kind.STRING) {
                Import all = new Import(tokens.get(j + 2).text(), line, List.of(), null, false);
                imports.add(all);
                exportsAllOf.add(all);
                return;
            }
            if (at(j + 1, "as") && kind(j + 2) == Kind.WORD && at(j + 3, "from") && kind(j + 4) == Kind.STRING) {
                exports.add(tokens.get(j + 2).text());
                imports.add(new Import(tokens.get(j + 4).text(), line, List.of(), "*", false));
                return;
            }
        }
        unreadable.add(path + ":" + line + ": an export statement these checks cannot read");
    }

    /** Top-level {@code function f}, {@code class C}, {@code const/let/var x}: names the module binds. */
    private void declaration(int i) {
        Token token = tokens.get(i);
        String word = token.text();
        boolean statementStart = i == 0
                || after(i, ";")
                || after(i, "}")
                || after(i, "export")
                || after(i, "default")
                || after(i, "async") && word.equals("function")
                || tokens.get(i - 1).line < token.line && !after(i, "=") && !after(i, ",") && !after(i, "(");
        if (!statementStart) {
            return;
        }
        if (word.equals("function") || word.equals("class")) {
            int name = at(i + 1, "*") ? i + 2 : i + 1;
            if (kind(name) == Kind.WORD) {
                bind(tokens.get(name).text(), word, token.line);
            }
        } else if ((word.equals("const") || word.equals("let") || word.equals("var")) && kind(i + 1) == Kind.WORD) {
            bind(tokens.get(i + 1).text(), word, token.line);
        }
    }

    private int list(int j, List<String> names, boolean bind, int line) {
        return list(j, names, bind, line, false);
    }

    /**
     * Reads {@code { a, b as c, default as d }} from the {@code {} at {@code j}; adds the exported
     * name of each entry (the first) or, for an import or {@code importedSide}, the name on the far
     * side; returns the index after the {@code }}, or -1 if it cannot read it.
     */
    private int list(int j, List<String> names, boolean isImport, int line, boolean importedSide) {
        j++;
        while (!at(j, "}")) {
            Kind kind = kind(j);
            if (kind != Kind.WORD && kind != Kind.STRING) {
                return -1;
            }
            String first = tokens.get(j).text();
            String second = first;
            j++;
            if (at(j, "as") && (kind(j + 1) == Kind.WORD || kind(j + 1) == Kind.STRING)) {
                second = tokens.get(j + 1).text();
                j += 2;
            }
            if (isImport) {
                names.add(first);
                bind(second, "import", line);
            } else {
                names.add(importedSide ? first : second);
            }
            if (at(j, ",")) {
                j++;
            } else if (!at(j, "}")) {
                return -1;
            }
        }
        return j + 1;
    }

    private void bind(String name, String how, int line) {
        bindings.add(new Binding(name, how, line));
    }

    private Token token(int index) {
        return index >= 0 && index < tokens.size() ? tokens.get(index) : null;
    }

    private Kind kind(int index) {
        Token token = token(index);
        return token == null ? null : token.kind;
    }

    private boolean at(int index, String text) {
        Token token = token(index);
        return token != null && token.is(text);
    }

    private boolean after(int index, String text) {
        return at(index - 1, text);
    }
}
