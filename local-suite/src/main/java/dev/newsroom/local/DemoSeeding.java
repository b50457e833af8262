package dev.newsroom.local;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/**
 * Whether this start writes demo content, and how much of it. Data that starts empty gets a journal
 * ({@link SeedJournal}) before any process starts, so that a start stopped at any moment, even
 * before it reached the seeding, leaves a journal that the next start finishes. Data without a
 * journal was either started with {@code --no-seed} (left alone, as the person asked) or seeded by an
 * older launcher (recognised by the demo moderator's account, and finished with every step looked up
 * first).
 */
final class DemoSeeding {

    private final Options options;
    private final boolean startedEmpty;
    private final SuiteConsole console;
    private final BooleanSupplier stopping;

    DemoSeeding(Options options, boolean startedEmpty, SuiteConsole console, BooleanSupplier stopping) {
        this.options = options;
        this.startedEmpty = startedEmpty;
        this.console = console;
        this.stopping = stopping;
    }

    /** Called once the data folder is ready, before any process starts. */
    static void intend(Options options, boolean startedEmpty) {
        SeedJournal journal = new SeedJournal(options.dataDir());
        if (options.seedDemo() && startedEmpty && !journal.exists()) {
            journal.create();
        }
    }

    /** Writes what is missing of the demo content; answers whether the demo accounts are there. */
    boolean run(String gatewayUrl) {
        if (!options.seedDemo()) {
            return false;
        }
        SeedJournal journal = new SeedJournal(options.dataDir());
        DemoSeeder seeder = new DemoSeeder(gatewayUrl);
        boolean olderLauncher = !journal.exists();
        if (olderLauncher && !seeder.moderatorExists()) {
            return false;
        }
        SeedPlan plan = SeedPlan.of(DemoContent.standard(), journal.read(), olderLauncher);
        if (plan.complete()) {
            return true;
        }
        int total = plan.steps().size();
        boolean resuming = olderLauncher || !journal.read().isEmpty();
        console.println(
                resuming
                        ? "Finishing the demo content an earlier start began (" + total
                                + " writes left; --no-seed to skip)..."
                        : "Writing the demo articles, users and comments through the API (--no-seed to skip)...");
        Instant begun = Instant.now();
        DemoSeeder.Outcome outcome = seeder.seed(
                plan,
                journal,
                stopping,
                taken -> console.progress("Writing the demo content: " + taken + " of " + total));
        console.endProgress();
        if (stopping.getAsBoolean()) {
            return true;
        }
        outcome.problems().forEach(problem -> console.println("  demo content: " + problem));
        console.printf(
                "Demo content written in %.1f s%s.",
                Duration.between(begun, Instant.now()).toMillis() / 1000.0,
                outcome.problems().isEmpty()
                        ? ""
                        : " (" + outcome.problems().size() + " writes failed, see above; the next start retries them)");
        return true;
    }
}
