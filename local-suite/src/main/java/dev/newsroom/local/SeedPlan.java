package dev.newsroom.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What is left to write of the demo content, from the content and the journal of earlier attempts
 * ({@link SeedJournal}). Every write is a step with a stable key. A step the journal records as done
 * is skipped, and its result (an article's slug, a comment's id) is known. A step that was begun but
 * not recorded as done may or may not have reached the service before the launcher stopped: it is
 * <em>uncertain</em>, and the seeder looks it up by its natural key (an article by its author and
 * title, a comment by its author and text) before writing it. Views cannot be looked up, so an
 * uncertain view counts as sent: a view is never sent twice, at worst one fewer.
 *
 * <p>Signing up and following or favouriting are naturally idempotent (an existing account signs
 * in, a second follow changes nothing), so only articles and comments need the look-up.
 */
record SeedPlan(List<Step> steps, Map<String, String> results, boolean complete) {

    enum Kind {
        USER,
        BIO,
        ARTICLE,
        FOLLOW,
        FAVOURITE,
        COMMENT,
        VIEW,
        DRAFT,
        SUBMIT
    }

    /**
     * One write.
     *
     * @param key its name in the journal, for example {@code article:solar}
     * @param kind what it writes
     * @param item the content record it writes
     * @param uncertain begun earlier and perhaps written: look it up before writing it
     */
    record Step(String key, Kind kind, Object item, boolean uncertain) {}

    /** Every step of the content, in the order they depend on each other. */
    static List<Step> allSteps(DemoContent content) {
        List<Step> steps = new ArrayList<>();
        content.users().forEach(user -> steps.add(step("user:" + user.username(), Kind.USER, user)));
        content.users().forEach(user -> steps.add(step("bio:" + user.username(), Kind.BIO, user)));
        content.articles().forEach(article -> steps.add(step("article:" + article.key(), Kind.ARTICLE, article)));
        content.follows()
                .forEach(follow ->
                        steps.add(step("follow:" + follow.follower() + ">" + follow.followed(), Kind.FOLLOW, follow)));
        content.favourites()
                .forEach(favourite -> steps.add(
                        step("favourite:" + favourite.user() + ">" + favourite.article(), Kind.FAVOURITE, favourite)));
        content.comments().forEach(comment -> steps.add(step("comment:" + comment.key(), Kind.COMMENT, comment)));
        for (DemoContent.View view : content.views()) {
            for (int i = 1; i <= view.times(); i++) {
                steps.add(step("view:" + view.article() + ":" + i, Kind.VIEW, view));
            }
        }
        for (DemoContent.Draft draft : content.drafts()) {
            steps.add(step("draft:" + draft.story().key(), Kind.DRAFT, draft));
            if (draft.submitted()) {
                steps.add(step("submit:" + draft.story().key(), Kind.SUBMIT, draft));
            }
        }
        return steps;
    }

    /**
     * The steps still to take.
     *
     * @param content the demo content
     * @param journal the journal's entries, oldest first
     * @param everythingUncertain data from before the journal existed: treat every step as begun
     */
    static SeedPlan of(DemoContent content, List<SeedJournal.Entry> journal, boolean everythingUncertain) {
        Set<String> begun = new HashSet<>();
        Map<String, String> results = new HashMap<>();
        Set<String> done = new HashSet<>();
        boolean complete = false;
        for (SeedJournal.Entry entry : journal) {
            switch (entry.event()) {
                case BEGUN -> begun.add(entry.key());
                case DONE -> {
                    done.add(entry.key());
                    if (entry.result() != null) {
                        results.put(entry.key(), entry.result());
                    }
                }
                case COMPLETE -> complete = true;
            }
        }
        if (complete) {
            return new SeedPlan(List.of(), Map.copyOf(results), true);
        }
        List<Step> remaining = new ArrayList<>();
        for (Step step : allSteps(content)) {
            boolean uncertain = everythingUncertain || begun.contains(step.key());
            if (done.contains(step.key()) || (uncertain && step.kind() == Kind.VIEW)) {
                continue;
            }
            remaining.add(new Step(step.key(), step.kind(), step.item(), uncertain));
        }
        return new SeedPlan(List.copyOf(remaining), Map.copyOf(results), false);
    }

    /**
     * The steps in waves, each wave after the one before; within a wave, lanes that may run side by
     * side, each lane in order. Accounts, bios, follows, favourites and views do not depend on each
     * other; the articles stay in one lane so that they are published in the content's order (the
     * newest first on the front page is the last one); each article's comments stay in one lane, in
     * order, since replies need the id of what they answer and the thread reads in writing order.
     * The desk's stories come last: a draft, then its submission for review.
     */
    List<List<List<Step>>> waves() {
        List<List<List<Step>>> waves = new ArrayList<>();
        waves.add(alone(Kind.USER));
        waves.add(alone(Kind.BIO));
        waves.add(oneLane(Kind.ARTICLE));
        List<List<Step>> relations = new ArrayList<>(alone(Kind.FOLLOW));
        relations.addAll(alone(Kind.FAVOURITE));
        waves.add(relations);
        Map<String, List<Step>> byArticle = new java.util.LinkedHashMap<>();
        for (Step step : of(Kind.COMMENT)) {
            byArticle
                    .computeIfAbsent(((DemoContent.Comment) step.item()).article(), article -> new ArrayList<>())
                    .add(step);
        }
        waves.add(List.copyOf(byArticle.values()));
        waves.add(alone(Kind.VIEW));
        waves.add(alone(Kind.DRAFT));
        waves.add(alone(Kind.SUBMIT));
        waves.removeIf(List::isEmpty);
        return waves;
    }

    private List<Step> of(Kind kind) {
        return steps.stream().filter(step -> step.kind() == kind).toList();
    }

    private List<List<Step>> alone(Kind kind) {
        return of(kind).stream().map(List::of).toList();
    }

    private List<List<Step>> oneLane(Kind kind) {
        List<Step> lane = of(kind);
        return lane.isEmpty() ? List.of() : List.of(lane);
    }

    private static Step step(String key, Kind kind, Object item) {
        return new Step(key, kind, item, false);
    }
}
