package dev.newsroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * The scripts are ES modules loaded by the browser as they are, with no build step: one broken
 * import, a name a module does not export, or a name bound twice stops the whole front end with a
 * SyntaxError before any page shows. These are the mistakes a browser test finds late; here they
 * fail the build, named by file and line.
 */
class ModulesTest {

    private final FrontEnd frontEnd = FrontEnd.packaged();

    @Test
    void thereAreScriptsToCheck() {
        // Guards every other test here against passing on nothing if the files move.
        assertThat(frontEnd.files()).contains("/index.html", "/app.js", "/js/api.js", "/js/dom.js");
    }

    @Test
    void everyScriptIsReadableAsAModule() {
        // Strings, templates, comments and regular expressions left open, brackets that do not pair
        // up (JsTokens), then import and export statements these checks could not read (Script).
        List<String> problems = new ArrayList<>(frontEnd.syntaxErrors);
        frontEnd.scripts.values().forEach(script -> problems.addAll(script.unreadable));
        assertThat(problems).isEmpty();
    }

    @Test
    void everyImportNamesAFileOfTheFrontEnd() {
        List<String> problems = new ArrayList<>();
        for (Script script : frontEnd.scripts.values()) {
            for (Script.Import imported : script.imports) {
                String where = script.path + ":" + imported.line() + ": '" + imported.specifier() + "'";
                if (!imported.specifier().startsWith("./")
                        && !imported.specifier().startsWith("../")
                        && !imported.specifier().startsWith("/")) {
                    problems.add(where + " is not a relative or root path (browsers resolve no bare names)");
                    continue;
                }
                Optional<String> target = FrontEnd.resolve(script.path, imported.specifier());
                if (target.isEmpty() || !frontEnd.scripts.containsKey(target.get())) {
                    problems.add(where + " names no script of the front end");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyImportedNameIsExportedByItsModule() {
        List<String> problems = new ArrayList<>();
        for (Script script : frontEnd.scripts.values()) {
            Map<String, String> namespaces = new LinkedHashMap<>();
            for (Script.Import imported : script.imports) {
                Optional<Script> target = target(script, imported);
                if (target.isEmpty()) {
                    continue; // everyImportNamesAFileOfTheFrontEnd reports it
                }
                Set<String> exports = exports(target.get());
                for (String name : imported.names()) {
                    if (!exports.contains(name)) {
                        problems.add(script.path + ":" + imported.line() + ": imports " + name + " from "
                                + target.get().path + ", which exports " + exports);
                    }
                }
                if (imported.namespace() != null) {
                    namespaces.put(imported.namespace(), target.get().path);
                }
            }
            for (Script.MemberUse use : script.memberUses) {
                Script target = frontEnd.scripts.get(namespaces.get(use.namespace()));
                if (target != null && !exports(target).contains(use.member())) {
                    problems.add(script.path + ":" + use.line() + ": uses " + use.namespace() + "." + use.member()
                            + ", which " + target.path + " does not export");
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void noModuleBindsANameTwiceAtItsTopLevel() {
        // An import and a declaration of one name, or two imports of it, is a SyntaxError in a module.
        List<String> problems = new ArrayList<>();
        for (Script script : frontEnd.scripts.values()) {
            Map<String, List<Script.Binding>> byName = new LinkedHashMap<>();
            script.bindings.forEach(binding -> byName.computeIfAbsent(binding.name(), n -> new ArrayList<>())
                    .add(binding));
            byName.forEach((name, bindings) -> {
                boolean onlyVars =
                        bindings.stream().allMatch(binding -> binding.how().equals("var"));
                if (bindings.size() > 1 && !onlyVars) {
                    problems.add(script.path + ": " + name + " bound " + bindings.size() + " times: " + bindings);
                }
            });
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void thePageLoadsItsModulesAsModules() {
        // A script with import or export at its top level is a SyntaxError unless loaded as a module.
        List<String> problems = new ArrayList<>();
        for (Element tag : frontEnd.page.select("script[src]")) {
            Optional<String> path = FrontEnd.resolve(FrontEnd.PAGE, tag.attr("src"));
            Script script = path.map(frontEnd.scripts::get).orElse(null);
            if (script != null && script.isModule() && !tag.attr("type").equals("module")) {
                problems.add(tag.outerHtml() + ": " + script.path + " is a module; the tag needs type=\"module\"");
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyScriptIsReachableFromThePage() {
        // A script nothing imports is never loaded: a page wired up nowhere, or a file left behind.
        Set<String> reached = new HashSet<>();
        Deque<String> next = new ArrayDeque<>();
        for (Element tag : frontEnd.page.select("script[src]")) {
            FrontEnd.resolve(FrontEnd.PAGE, tag.attr("src")).ifPresent(next::add);
        }
        assertThat(next).as("scripts the page loads").isNotEmpty();
        while (!next.isEmpty()) {
            Script script = frontEnd.scripts.get(next.pop());
            if (script != null && reached.add(script.path)) {
                script.imports.forEach(imported ->
                        FrontEnd.resolve(script.path, imported.specifier()).ifPresent(next::add));
            }
        }
        assertThat(frontEnd.scripts.keySet()).as("scripts the page never loads").isSubsetOf(reached);
    }

    private Optional<Script> target(Script script, Script.Import imported) {
        return FrontEnd.resolve(script.path, imported.specifier()).map(frontEnd.scripts::get);
    }

    /** What a module exports: its own exports and, through {@code export * from}, its targets'. */
    private Set<String> exports(Script script) {
        Set<String> exports = new LinkedHashSet<>(script.exports);
        Set<String> seen = new HashSet<>(Set.of(script.path));
        Deque<Script> more = new ArrayDeque<>(List.of(script));
        while (!more.isEmpty()) {
            Script current = more.pop();
            for (Script.Import all : current.exportsAllOf) {
                target(current, all).filter(target -> seen.add(target.path)).ifPresent(target -> {
                    target.exports.stream()
                            .filter(name -> !name.equals("default"))
                            .forEach(exports::add);
                    more.push(target);
                });
            }
        }
        return exports;
    }
}
