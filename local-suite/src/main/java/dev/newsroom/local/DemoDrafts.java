package dev.newsroom.local;

import java.util.List;

/**
 * The demo's stories still on the desk, so that a newcomer signed in as {@code editor} finds work
 * waiting there (and a writer finds their own): one draft, and one submitted for review. Neither is
 * public, so neither appears on the front page, in a feed or in any event.
 */
final class DemoDrafts {

    static final List<DemoContent.Draft> STORIES = List.of(
            new DemoContent.Draft(
                    new DemoContent.Article(
                            "ferrytimes",
                            "jonas",
                            "Ferry timetable to change in spring, ticket office says",
                            "Earlier first sailings on weekdays; the last boat on Sundays moves to 22:10.",
                            """
                            The harbour ferry's spring timetable, due on the first Monday of April, moves the \
                            first weekday sailing to **05:40**, twenty minutes earlier than now.

                            To check before publishing: the Sunday times, and whether the night crossing stays.
                            """,
                            List.of("transport", "city"),
                            List.of(),
                            null,
                            null),
                    false),
            new DemoContent.Draft(
                    new DemoContent.Article(
                            "insulation",
                            "amara",
                            "Loft insulation grants reopen with a simpler form",
                            "One page instead of six, and an answer within ten working days.",
                            """
                            The council's loft insulation grants reopen next month, with an application form cut \
                            from six pages to one.

                            Households with an energy rating of D or below can claim up to 80 per cent of the \
                            cost. The council promises an answer **within ten working days**.
                            """,
                            List.of("energy", "climate"),
                            List.of(),
                            "Council housing committee papers",
                            "https://example.org/council/insulation-grants"),
                    true));

    private DemoDrafts() {}
}
