package dev.newsroom.platform.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * The skeleton every service follows (docs/architecture.md, "One skeleton"), checked on the
 * service's compiled main classes, so that a class in the wrong place fails the service's own
 * build instead of waiting for a reviewer. A service's {@code <Name>ServiceSkeletonTest} extends
 * this with its root package.
 *
 * <p>The rules are about direction: the domain (one package per aggregate) knows neither Kafka
 * adapters nor HTTP; the store is reached only through a repository; controllers reach the domain,
 * never the store.
 */
public abstract class ServiceSkeletonChecks {

    private static final Map<String, JavaClasses> IMPORTED = new ConcurrentHashMap<>();

    /**
     * The MongoDB APIs only a repository may use: the template, queries, updates, indexes and the
     * driver. The mapping annotations ({@code @Document}, {@code @Field}) are left out: they describe
     * a record's stored shape beside the record, and read or write nothing.
     */
    private static final String[] STORE_APIS = {
        "org.springframework.data.mongodb.core",
        "org.springframework.data.mongodb.core.query..",
        "org.springframework.data.mongodb.core.index..",
        "org.springframework.data.mongodb.core.aggregation..",
        "com.mongodb.."
    };

    /**
     * A repository, its nested types, and the package-private {@code <Aggregate>Documents} that maps
     * records to stored documents beside a repository whose mapping is too long to hold.
     */
    private static final DescribedPredicate<JavaClass> STORAGE =
            DescribedPredicate.describe("a repository or its document mapping", type -> {
                String name = topLevel(type).getSimpleName();
                return name.endsWith("Repository") || name.endsWith("Documents");
            });

    private final String root;

    /** {@code root} is the service's root package, e.g. {@code dev.newsroom.user}. */
    protected ServiceSkeletonChecks(String root) {
        this.root = root;
    }

    private JavaClasses imported() {
        return IMPORTED.computeIfAbsent(
                root,
                pkg -> new ClassFileImporter()
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                        .importPackages(pkg));
    }

    private static JavaClass topLevel(JavaClass type) {
        JavaClass outer = type;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    @Test
    void theRootPackageHoldsOnlyTheApplicationAndItsSettings() {
        classes()
                .that()
                .resideInAPackage(root)
                .and()
                .areTopLevelClasses()
                .should()
                .haveSimpleNameEndingWith("ServiceApplication")
                .orShould()
                .haveSimpleNameEndingWith("ServiceProperties")
                .allowEmptyShould(true)
                .check(imported());
    }

    @Test
    void theDomainKnowsNeitherKafkaAdaptersNorHttp() {
        noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and()
                .resideOutsideOfPackages(root + ".messaging..", root + ".web..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(root + ".messaging..", root + ".web..")
                .allowEmptyShould(true)
                .check(imported());
    }

    @Test
    void kafkaAdaptersDoNotReachIntoHttp() {
        noClasses()
                .that()
                .resideInAPackage(root + ".messaging..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(root + ".web..")
                .allowEmptyShould(true)
                .check(imported());
    }

    @Test
    void onlyRepositoriesTouchTheStore() {
        noClasses()
                .that()
                .resideInAPackage(root + "..")
                .and(DescribedPredicate.not(STORAGE))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(STORE_APIS)
                .allowEmptyShould(true)
                .check(imported());
    }

    @Test
    void controllersReachTheDomainNeverARepository() {
        noClasses()
                .that()
                .resideInAPackage(root + ".web..")
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .allowEmptyShould(true)
                .check(imported());
    }
}
