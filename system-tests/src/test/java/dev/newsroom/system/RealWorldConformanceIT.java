package dev.newsroom.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import dev.newsroom.system.BodyFieldCases.Kind;
import dev.newsroom.system.BodyFieldCases.Rule;
import dev.newsroom.system.RealWorldDocument.Operation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The RealWorld API 2.0.0 document, walked through the gateway of the shared running suite: for
 * every operation the document lists, every response status it lists, and for every request body
 * every field sent absent, null, empty, blank and as another JSON type (and the wrapper object
 * missing, null, empty and mistyped). The tests are generated from the document read here, and
 * matched against the tables of cases ({@link ResponseCases}, {@link BodyFieldCases}) by key: an
 * operation, status or field the document has and the tables do not is a failing test, and so is
 * a case the document no longer asks for. Every answer is checked against the document's schema
 * for its status.
 *
 * <p>Requests are signed by this class's own users wherever the API allows, so the shared
 * suite's per-address budgets (anonymous requests, failed sign-ins) are spent sparingly: one wrong
 * password in all.
 */
class RealWorldConformanceIT {

    private static final RealWorldDocument DOCUMENT = RealWorldDocument.load();
    private static final List<Kind> WRAPPER_KINDS = List.of(Kind.ABSENT, Kind.NULL, Kind.EMPTY, Kind.WRONG_TYPE);

    private static ConformanceClient api;
    private static ResponseCases.Fixture fixture;
    private static BodyFieldCases bodies;

    @BeforeAll
    static void signUp() throws Exception {
        api = new ConformanceClient(PublicApiSuite.get().gatewayUrl(), DOCUMENT);
        fixture = new ResponseCases.Fixture(DOCUMENT, api.register("alice"), api.register("bob"));
        bodies = new BodyFieldCases(api, api.register("writer"));
    }

    @Test
    void theVendoredDocumentIsRealWorld200() {
        assertThat(DOCUMENT.version()).isEqualTo("2.0.0");
        assertThat(DOCUMENT.operations()).hasSize(19);
    }

    @TestFactory
    Stream<DynamicTest> everyResponseTheDocumentListsIsAnsweredAsDocumented() {
        Map<String, ResponseCases.Case> cases = ResponseCases.all();
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> listed = new LinkedHashSet<>();
        for (Operation operation : DOCUMENT.operations()) {
            for (int status : operation.statuses()) {
                String key = operation.id() + " " + status;
                listed.add(key);
                ResponseCases.Case test = cases.get(key);
                tests.add(DynamicTest.dynamicTest(key, () -> {
                    if (test == null) {
                        fail("the document lists " + operation.method() + " " + operation.path() + " -> " + status
                                + " and ResponseCases has no test for '" + key + "'");
                    }
                    test.run(api, fixture);
                }));
            }
        }
        tests.add(staleCases("ResponseCases", cases.keySet(), listed));
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> everyRequestBodyFieldIsJudgedAbsentNullEmptyBlankAndMistyped() {
        List<DynamicTest> tests = new ArrayList<>();
        Set<String> listed = new LinkedHashSet<>();
        for (Operation operation : DOCUMENT.operations()) {
            if (operation.wrapper() == null) {
                continue;
            }
            for (Kind kind : WRAPPER_KINDS) {
                tests.add(DynamicTest.dynamicTest(
                        operation.id() + " (" + operation.wrapper() + ") " + kind,
                        () -> bodies.runWrapper(operation, kind)));
            }
            for (String field : operation.fields()) {
                String key = operation.id() + " " + field;
                listed.add(key);
                Rule rule = BodyFieldCases.RULES.get(key);
                tests.add(DynamicTest.dynamicTest(key + " follows its rule in the document", () -> {
                    if (rule == null) {
                        fail("the document has the field '" + field + "' in " + operation.id()
                                + " and BodyFieldCases.RULES has no rule for '" + key + "'");
                    }
                    BodyFieldCases.assertRuleMatchesDocument(operation, field, rule);
                }));
                if (rule == null) {
                    continue;
                }
                for (Kind kind : Kind.values()) {
                    tests.add(
                            DynamicTest.dynamicTest(key + " " + kind, () -> bodies.run(operation, field, rule, kind)));
                }
            }
        }
        tests.add(staleCases("BodyFieldCases.RULES", BodyFieldCases.RULES.keySet(), listed));
        return tests.stream();
    }

    /** A case for something the document no longer lists is a sign the table fell behind it. */
    private static DynamicTest staleCases(String table, Set<String> keys, Set<String> listed) {
        return DynamicTest.dynamicTest(table + " has no case the document does not ask for", () -> {
            Set<String> stale = new LinkedHashSet<>(keys);
            stale.removeAll(listed);
            assertThat(stale)
                    .as("cases in %s that the document does not list", table)
                    .isEmpty();
        });
    }
}
